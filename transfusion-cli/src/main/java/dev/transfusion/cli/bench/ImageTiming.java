package dev.transfusion.cli.bench;

import dev.transfusion.core.generate.Generator;
import dev.transfusion.core.generate.ImageOptions;
import dev.transfusion.tensor.HostTensor;
import java.util.Objects;

/**
 * Seconds per generated image: {@link Generator#generateImage} with the config's sampler (its step count) and
 * classifier-free guidance on (two rows per step). One untimed image first warms up or traces the image programs.
 */
final class ImageTiming {
    /** What was measured: sampler steps, the CFG scale, images timed and the median seconds per image. */
    record Result(int samplerSteps, double cfg, int images, double secondsPerImage) {
    }

    private ImageTiming() {
    }

    /** Generates one warm-up image and then {@code images} timed ones. */
    static Result measure(Generator generator, int images) {
        Objects.requireNonNull(generator, "generator");
        double cfg = generator.sampler().guidance();
        if (cfg == 1.0) {
            throw new IllegalArgumentException("the bench sampler must have guidance on (cfg != 1)");
        }
        String prompt = "a large red circle";
        check(generator.generateImage(prompt, ImageOptions.of(cfg, 0)));
        double[] seconds = new double[images];
        for (int i = 0; i < images; i++) {
            long start = System.nanoTime();
            HostTensor img = generator.generateImage(prompt, ImageOptions.of(cfg, i + 1));
            seconds[i] = Timing.since(start);
            check(img);
        }
        return new Result(generator.sampler().timesteps().length, cfg, images, Timing.median(seconds));
    }

    private static void check(HostTensor image) {
        for (float v : image.floats()) {
            if (!Float.isFinite(v)) {
                throw new IllegalStateException("generated image holds a non-finite pixel: " + v);
            }
        }
    }
}
