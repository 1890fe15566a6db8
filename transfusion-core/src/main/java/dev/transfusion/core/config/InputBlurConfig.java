package dev.transfusion.core.config;

/**
 * {@code diffusion.input_blur:} with {@code probability}, a text-to-image training example's image is blurred
 * (σ uniform in [{@code min_sigma}, {@code max_sigma}] pixels of the latent) before it is noised; the target stays
 * sharp. 0 (the default) is off, the paper's training.
 */
public record InputBlurConfig(double probability, double minSigma, double maxSigma) {
    public InputBlurConfig {
        Checks.probability("probability", probability);
        Checks.positive("min_sigma", minSigma);
        if (maxSigma < minSigma) {
            throw new InvalidValueException("max_sigma", "max_sigma (" + maxSigma + ") must not be below min_sigma ("
                    + minSigma + ")");
        }
    }

    /** Off. */
    public static InputBlurConfig defaults() {
        return new InputBlurConfig(0, 0.5, 2.0);
    }
}
