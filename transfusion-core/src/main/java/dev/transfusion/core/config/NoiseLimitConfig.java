package dev.transfusion.core.config;

/**
 * {@code diffusion.noise_limit:} when an image precedes its caption, its diffusion step is capped at {@code maxT}
 * with this {@code probability}, so the caption sees a recognisable image.
 */
public record NoiseLimitConfig(int maxT, double probability) {
    public NoiseLimitConfig {
        Checks.positive("max_t", maxT);
        Checks.probability("probability", probability);
    }

    /** The paper's setting: t ≤ 500 (of 1000) 80% of the time. */
    public static NoiseLimitConfig defaults() {
        return new NoiseLimitConfig(500, 0.8);
    }
}
