package dev.transfusion.core.train;

/**
 * The paper's noise limiting: when an image precedes its caption, its t is drawn from {@code 1..maxT} instead of
 * {@code 1..T} with probability {@code probability}, so the caption is conditioned on a recognisable image.
 */
public record NoiseLimit(int maxT, double probability) {
    public NoiseLimit {
        if (maxT < 1) {
            throw new IllegalArgumentException("noise_limit.max_t must be >= 1, got " + maxT);
        }
        if (probability < 0 || probability > 1) {
            throw new IllegalArgumentException("noise_limit.probability must be in [0, 1], got " + probability);
        }
    }
}
