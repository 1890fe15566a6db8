package dev.transfusion.core.train;

import java.util.Random;

/**
 * Blurred denoiser inputs for text-to-image examples: with {@code probability}, an image that follows its caption
 * is blurred (σ uniform in [{@code minSigma}, {@code maxSigma}] pixels) before it is noised, while the target stays
 * the sharp image. At small scale the denoiser otherwise copies the outline it can read in x_t instead of taking it
 * from the caption — the two always agree in training, but in sampling x_t holds the blob earlier steps drew. With
 * blurred inputs only the caption tells a square from a circle, so the model learns to draw the outline from the
 * text; position, size and colour survive the blur. Probability 0 (the default) is off and draws no random numbers.
 */
public record InputBlur(double probability, double minSigma, double maxSigma) {
    /** No blurring. */
    public static final InputBlur OFF = new InputBlur(0, 0.5, 2.0);

    public InputBlur {
        if (!(probability >= 0 && probability <= 1)) {
            throw new IllegalArgumentException("input_blur.probability must be in [0, 1], got " + probability);
        }
        if (!(minSigma > 0 && maxSigma >= minSigma)) {
            throw new IllegalArgumentException("input_blur needs 0 < min_sigma <= max_sigma, got " + minSigma + " and "
                    + maxSigma);
        }
    }

    /** {@code x0} itself, or (for a caption-first image, with the probability) a blurred copy of it. */
    public float[] apply(float[] x0, int channels, int size, boolean textFollows, Random rng) {
        if (probability == 0 || textFollows || rng.nextDouble() >= probability) {
            return x0;
        }
        double sigma = minSigma + (maxSigma - minSigma) * rng.nextDouble();
        return GaussianBlur.blur(x0, channels, size, sigma);
    }
}
