package dev.transfusion.modalities.encoder;

import dev.transfusion.modality.ModalityEncoderFactory;
import dev.transfusion.modality.ModalityEncoderPlan;
import dev.transfusion.plugin.ComponentSpec;
import dev.transfusion.plugin.PluginContext;

/** The {@code linear} encoder plugin: params {@code patch} (default 2) and {@code pos_embed} (default true). */
public final class LinearPatchEncoderFactory implements ModalityEncoderFactory {
    @Override
    public String name() {
        return "linear";
    }

    @Override
    public ModalityEncoderPlan create(ComponentSpec spec, PluginContext context) {
        spec.requireOnly("patch", "pos_embed");
        int patch = spec.getInt("patch", 2, 1, 64);
        boolean pos = spec.getBoolean("pos_embed", true);
        return ctx -> {
            if (ctx.latent().size() % patch != 0) {
                throw spec.error("patch", "patch size " + patch + " does not divide the latent size " + ctx.latent().size());
            }
            return new LinearPatchEncoder(ctx, patch, pos);
        };
    }

    @Override
    public String description() {
        return "linear k×k patch encoder/decoder with timestep embedding";
    }
}
