package dev.transfusion.core.generate;

import dev.transfusion.diffusion.StepListener;
import java.util.Objects;

/** How an image is generated: the CFG scale (1 = none), the noise seed, and a per-denoising-step callback. */
public record ImageOptions(double guidance, long seed, StepListener listener) {
    public ImageOptions {
        Objects.requireNonNull(listener, "listener");
        if (guidance < 0) {
            throw new IllegalArgumentException("cfg must be >= 0, got " + guidance);
        }
    }

    /** The given scale and seed, no callback. */
    public static ImageOptions of(double guidance, long seed) {
        return new ImageOptions(guidance, seed, StepListener.NONE);
    }
}
