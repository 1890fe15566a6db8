package dev.transfusion.modalities.codec;

import dev.transfusion.modality.LatentCodec;
import dev.transfusion.modality.LatentCodecFactory;
import dev.transfusion.plugin.ComponentSpec;
import dev.transfusion.plugin.PluginContext;

/** The {@code pixels} codec plugin (no params). */
public final class PixelCodecFactory implements LatentCodecFactory {
    @Override
    public String name() {
        return "pixels";
    }

    @Override
    public LatentCodec create(ComponentSpec spec, PluginContext context) {
        spec.requireOnly();
        return new PixelCodec();
    }

    @Override
    public String description() {
        return "identity codec, pixels scaled to [-1, 1]";
    }
}
