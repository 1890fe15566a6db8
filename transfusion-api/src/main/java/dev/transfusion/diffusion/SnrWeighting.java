package dev.transfusion.diffusion;

/**
 * Per-timestep loss weighting by signal-to-noise ratio, for any objective linear in (x0, ε): the x0 error of an
 * image noised at t is weighted by {@code clamp(SNR(t), floor, cap)}, with {@code SNR = signal² / noise²}.
 * <ul>
 *   <li>{@code floor 0, cap γ}: min-SNR-γ (Hang et al., 2023), which speeds up convergence for every
 *       parameterisation by capping the weight of nearly clean images;</li>
 *   <li>{@code floor 1, cap ∞}: truncated SNR (Salimans &amp; Ho, 2022), {@code max(SNR, 1)};</li>
 *   <li>{@code floor 1, cap γ}: x0-prediction's own weighting at high noise, up to γ× more weight on the
 *       low-noise steps where outlines are drawn.</li>
 * </ul>
 * An objective regresses {@code c·x0 + d·ε}; its output error maps to an x0 error scaled by {@code noise / det}
 * ({@link Coefficients#determinant}), so the weight on the objective's own squared error is {@code clamp(SNR, floor, cap) · (noise / det)²}: for x0-prediction that is the clamp itself,
 * for ε-prediction {@code clamp / SNR}, for v-prediction {@code clamp / (SNR + 1)}.
 */
public record SnrWeighting(double floor, double cap) {
    public SnrWeighting {
        if (!(floor >= 0) || !(cap > 0) || floor > cap || Double.isNaN(cap)) {
            throw new IllegalArgumentException("need 0 <= floor <= cap and cap > 0, got floor " + floor + ", cap " + cap);
        }
    }

    /** The weight on the squared error of an objective with coefficients {@code c} (t ≥ 1, noise > 0). */
    public double weight(Coefficients c) {
        double det = c.determinant();
        if (!(c.noise() > 0) || Math.abs(det) < 1e-12) {
            throw new IllegalArgumentException("SNR weighting needs noise > 0 and invertible coefficients, got " + c);
        }
        double snr = c.signal() * c.signal() / (c.noise() * c.noise());
        double toX0 = c.noise() / det;
        return Math.min(cap, Math.max(floor, snr)) * toX0 * toX0;
    }
}
