package dev.transfusion.modalities.unet;

import dev.transfusion.modality.LatentGeometry;
import dev.transfusion.modality.ModalityEncoder;
import dev.transfusion.modality.ModalityEncoderFactory;
import dev.transfusion.plugin.ComponentSpec;
import dev.transfusion.plugin.PluginContext;
import java.util.List;
import java.util.Objects;

/**
 * The {@code unet} encoder plugin: params {@code patch} (default 2), {@code channels} (default [64, 128]),
 * {@code blocks} (default 1), {@code groups} (default 8) and {@code pos_embed} (default true).
 */
public final class UNetEncoderFactory implements ModalityEncoderFactory {
    @Override
    public String name() {
        return "unet";
    }

    @Override
    public ModalityEncoder create(ComponentSpec spec, PluginContext context) {
        Objects.requireNonNull(spec, "spec");
        UNetConfig config = parse(spec);
        LatentGeometry latent = context.require(LATENT);
        String problem = config.sizeProblem(latent.size());
        if (problem != null) {
            boolean patchKey = latent.size() % config.downsampling() == 0;
            throw spec.error(patchKey ? "patch" : "channels", problem);
        }
        return new UNetEncoder(context.require(PARAMS), context.require(MODEL_DIM), latent, config);
    }

    /** Validates the spec into a config; each error names its key path. */
    static UNetConfig parse(ComponentSpec spec) {
        spec.requireOnly("patch", "channels", "blocks", "groups", "pos_embed");
        UNetConfig d = UNetConfig.defaults();
        int patch = spec.getInt("patch", d.patch(), 1, 64);
        List<Integer> channels = spec.getIntList("channels", d.channels());
        if (channels.isEmpty() || channels.size() > 6) {
            throw spec.error("channels", "expected 1 to 6 levels, got " + channels);
        }
        for (int c : channels) {
            if (c < 1 || c > 4096) {
                throw spec.error("channels", "every channel count must be in [1, 4096], got " + channels);
            }
        }
        int blocks = spec.getInt("blocks", d.blocks(), 1, 16);
        int groups = spec.getInt("groups", d.groups(), 1, 4096);
        for (int c : channels) {
            if (c % groups != 0) {
                throw spec.error("groups", groups + " groups do not divide the channel count " + c + " of " + channels);
            }
        }
        boolean pos = spec.getBoolean("pos_embed", d.posEmbed());
        return new UNetConfig(patch, channels, blocks, groups, pos);
    }

    @Override
    public String description() {
        return "U-Net down blocks → k×k patches → transformer → U-Net up blocks with skips, time-conditioned";
    }
}
