package dev.transfusion.backend;

/**
 * AdamW with decoupled weight decay (applied only to parameters marked for decay) and global-norm gradient
 * clipping ({@code clipNorm <= 0} disables it). Defaults are the paper's.
 */
public record AdamW(double beta1, double beta2, double eps, double weightDecay, double clipNorm) {
    /** The Transfusion paper's settings: β = (0.9, 0.95), ε = 1e-8, weight decay 0.1, clip 1.0. */
    public static AdamW paper() {
        return new AdamW(0.9, 0.95, 1e-8, 0.1, 1.0);
    }

    public AdamW {
        if (beta1 < 0 || beta1 >= 1 || beta2 < 0 || beta2 >= 1) {
            throw new IllegalArgumentException("AdamW betas must be in [0, 1), got " + beta1 + ", " + beta2);
        }
        if (eps <= 0) {
            throw new IllegalArgumentException("AdamW eps must be > 0, got " + eps);
        }
        if (weightDecay < 0) {
            throw new IllegalArgumentException("AdamW weight decay must be >= 0, got " + weightDecay);
        }
    }
}
