package dev.transfusion.core.config;

import dev.transfusion.plugin.ComponentSpec;
import java.util.Map;

/**
 * {@code image:} pixel size (height = width) and channels, the latent codec ({@code image.codec}) and the patch
 * encoder/decoder ({@code image.encoder}).
 */
public record ImageConfig(int size, int channels, ComponentSpec codec, ComponentSpec encoder) {
    public ImageConfig {
        Checks.positive("size", size);
        Checks.positive("channels", channels);
        Checks.present("codec", codec);
        Checks.present("encoder", encoder);
    }

    /** The defaults: 32×32 RGB, raw pixels, linear 2×2 patches. */
    public static ImageConfig defaults() {
        return new ImageConfig(32, 3, ComponentSpec.of("image.codec", "pixels", Map.of()),
                ComponentSpec.of("image.encoder", "linear", Map.of("patch", 2)));
    }
}
