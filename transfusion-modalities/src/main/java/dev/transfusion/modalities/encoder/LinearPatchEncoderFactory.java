package dev.transfusion.modalities.encoder;

import dev.transfusion.modality.LatentGeometry;
import dev.transfusion.modality.ModalityEncoder;
import dev.transfusion.modality.ModalityEncoderFactory;
import dev.transfusion.param.ParamBuilder;
import dev.transfusion.plugin.ComponentSpec;
import dev.transfusion.plugin.PluginContext;

/**
 * The {@code linear} encoder plugin: params {@code patch} (default 2) and {@code pos_embed}: {@code learned}
 * (default; also {@code true}), {@code sincos} (learned, starting from the 2-D sine-cosine table) or {@code none}
 * (also {@code false}; positions come from RoPE alone); {@code overlap} (default 0): pixels each token's window
 * reaches past its patch on every side, so neighbouring tokens' outputs add up near patch edges
 * ({@link OverlappingPatchEncoder}); 0 is the paper's disjoint patches.
 */
public final class LinearPatchEncoderFactory implements ModalityEncoderFactory {
    @Override
    public String name() {
        return "linear";
    }

    @Override
    public ModalityEncoder create(ComponentSpec spec, PluginContext context) {
        spec.requireOnly("patch", "pos_embed", "overlap");
        int patch = spec.getInt("patch", 2, 1, 64);
        int overlap = spec.getInt("overlap", 0, 0, 64);
        if (overlap > patch) {
            throw spec.error("overlap", "at most the patch size " + patch + ", got " + overlap);
        }
        PositionEmbedding pos = PositionEmbedding.read(spec);
        LatentGeometry latent = context.require(LATENT);
        int dim = context.require(MODEL_DIM);
        if (latent.size() % patch != 0) {
            throw spec.error("patch", "patch size " + patch + " does not divide the latent size " + latent.size());
        }
        if (pos == PositionEmbedding.SINCOS && dim % 4 != 0) {
            throw spec.error("pos_embed", "sincos needs model.dim divisible by 4, got " + dim);
        }
        ParamBuilder params = context.require(PARAMS);
        return overlap == 0 ? new LinearPatchEncoder(params, dim, latent, patch, pos)
                : new OverlappingPatchEncoder(params, dim, latent, patch, overlap, pos);
    }

    @Override
    public String description() {
        return "linear k×k patch encoder/decoder with timestep embedding; params patch=2, pos_embed=learned, overlap=0";
    }
}
