package dev.transfusion.diffusion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class SnrWeightingTest {
    /** ᾱ = 0.36: signal 0.6, noise 0.8, SNR = 0.5625. */
    private static final double A = 0.6, S = 0.8, SNR = 0.5625;

    @Test
    void matchesTheMinSnrClosedFormsOfEachParameterisation() {
        SnrWeighting minSnr = new SnrWeighting(0, 5);
        assertThat(minSnr.weight(new Coefficients(A, S, 1, 0))).isCloseTo(SNR, within(1e-12)); // x0: min(SNR, γ)
        assertThat(minSnr.weight(new Coefficients(A, S, 0, 1))).isCloseTo(1.0, within(1e-12)); // ε: min(SNR, γ)/SNR
        assertThat(minSnr.weight(new Coefficients(A, S, -S, A)))                               // v: min(SNR, γ)/(SNR+1)
                .isCloseTo(SNR / (SNR + 1), within(1e-12));
    }

    @Test
    void capsNearlyCleanImagesAndFloorsNoisyOnes() {
        // nearly clean: ᾱ = 0.99, SNR = 99 → x0 weight capped at 5, ε weight 5/99
        Coefficients clean = new Coefficients(Math.sqrt(0.99), Math.sqrt(0.01), 1, 0);
        Coefficients cleanEps = new Coefficients(Math.sqrt(0.99), Math.sqrt(0.01), 0, 1);
        SnrWeighting w = new SnrWeighting(1, 5);
        assertThat(w.weight(clean)).isCloseTo(5.0, within(1e-9));
        assertThat(w.weight(cleanEps)).isCloseTo(5.0 / 99, within(1e-9));
        // very noisy: SNR = 0.5625 < floor 1 → x0 weight 1, i.e. plain x0-prediction
        assertThat(w.weight(new Coefficients(A, S, 1, 0))).isCloseTo(1.0, within(1e-12));
    }

    @Test
    void flowVelocityIsWeightedThroughItsOwnCoefficients() {
        double sigma = 0.25; // x_t = 0.75·x0 + 0.25·ε, target ε − x0
        Coefficients flow = new Coefficients(1 - sigma, sigma, -1, 1);
        double snr = (1 - sigma) * (1 - sigma) / (sigma * sigma); // 9
        assertThat(new SnrWeighting(0, 4).weight(flow)).isCloseTo(4 * sigma * sigma, within(1e-12));
        assertThat(new SnrWeighting(0, Double.POSITIVE_INFINITY).weight(flow)).isCloseTo(snr * sigma * sigma,
                within(1e-12));
    }

    @Test
    void rejectsBadBoundsAndNoiselessSteps() {
        assertThatThrownBy(() -> new SnrWeighting(2, 1)).hasMessageContaining("floor 2.0, cap 1.0");
        assertThatThrownBy(() -> new SnrWeighting(-1, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SnrWeighting(0, 5).weight(new Coefficients(1, 0, 1, 0)))
                .hasMessageContaining("noise > 0");
    }
}
