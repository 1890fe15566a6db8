package dev.transfusion.samplers.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.transfusion.diffusion.NoiseSchedule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SchedulesTest {
    private static final int T = 1000;

    /** f(t) = cos²(((t/T)+s)/(1+s)·π/2), written out independently of the implementation. */
    private static double f(double t) {
        double c = Math.cos((t / T + 0.008) / 1.008 * Math.PI / 2);
        return c * c;
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 10, 250, 500, 750, 999})
    void cosineMatchesClosedFormBelowTheClip(int t) {
        NoiseSchedule s = Schedules.cosine(T, 0.008, 0.999);
        assertThat(s.alphaBar(t)).isCloseTo(f(t) / f(0), within(1e-12 + 1e-9 * f(t) / f(0)));
    }

    @Test
    void cosineClipsTheLastBetaAt0999() {
        NoiseSchedule s = Schedules.cosine(T, 0.008, 0.999);
        assertThat(s.beta(T)).isEqualTo(0.999);
        assertThat(s.alphaBar(T)).isCloseTo(f(999) / f(0) * 0.001, within(1e-15));
        assertThat(s.alphaBar(0)).isEqualTo(1.0);
        // known value: 1/√ᾱ(999) ≈ 643 is the ε-error amplification DESIGN.md warns about
        assertThat(1 / Math.sqrt(s.alphaBar(999))).isCloseTo(642.6, within(1.0));
    }

    @Test
    void cosineBetaIsOneMinusRatioOfClosedForms() {
        NoiseSchedule s = Schedules.cosine(T, 0.008, 0.999);
        assertThat(s.beta(1)).isCloseTo(1 - f(1) / f(0), within(1e-15));
        assertThat(s.beta(600)).isCloseTo(1 - f(600) / f(599), within(1e-13));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 100, 500, 900, 999})
    void shiftedCosineDividesTheSnrByTheShiftSquared(int t) {
        NoiseSchedule plain = Schedules.cosine(T, 0.008, 0.999);
        NoiseSchedule shifted = Schedules.cosine(T, 0.008, 0.999, 3.0);
        double snr = plain.alphaBar(t) / (1 - plain.alphaBar(t));
        double shiftedSnr = shifted.alphaBar(t) / (1 - shifted.alphaBar(t));
        assertThat(shiftedSnr / snr).isCloseTo(1.0 / 9.0, within(1e-6));
        assertThat(shifted.alphaBar(0)).isEqualTo(1.0);
    }

    @Test
    void shiftOneIsThePlainCosineAndBadShiftsAreRefused() {
        NoiseSchedule plain = Schedules.cosine(T, 0.008, 0.999);
        NoiseSchedule one = Schedules.cosine(T, 0.008, 0.999, 1.0);
        for (int t = 0; t <= T; t++) {
            assertThat(one.alphaBar(t)).isEqualTo(plain.alphaBar(t));
        }
        assertThatThrownBy(() -> Schedules.cosine(T, 0.008, 0.999, 0.0)).hasMessageContaining("shift");
    }

    @Test
    void linearMatchesLogSumAndPublishedTerminalValue() {
        NoiseSchedule s = Schedules.linear(T, 1e-4, 0.02);
        assertThat(s.beta(1)).isCloseTo(1e-4, within(1e-18));
        assertThat(s.beta(T)).isCloseTo(0.02, within(1e-15));
        assertThat(s.beta(500)).isCloseTo(1e-4 + 499 * (0.02 - 1e-4) / 999, within(1e-15));
        assertThat(s.alphaBar(1)).isCloseTo(0.9999, within(1e-15));
        for (int t : new int[] {1, 100, 500, 1000}) {
            double logSum = 0;
            for (int k = 1; k <= t; k++) {
                logSum += Math.log1p(-(1e-4 + (k - 1) * (0.02 - 1e-4) / (T - 1)));
            }
            assertThat(s.alphaBar(t)).isCloseTo(Math.exp(logSum), within(1e-12));
        }
        assertThat(s.alphaBar(T)).isCloseTo(4.0358e-5, within(1e-9)); // DDPM's well-known ᾱ_T
    }

    @Test
    void scaledLinearMatchesClosedFormAndStableDiffusionTerminalValue() {
        NoiseSchedule s = Schedules.scaledLinear(T, 0.00085, 0.012);
        assertThat(s.beta(1)).isCloseTo(0.00085, within(1e-15));
        assertThat(s.beta(T)).isCloseTo(0.012, within(1e-15));
        double r = Math.sqrt(0.00085) + 499 * (Math.sqrt(0.012) - Math.sqrt(0.00085)) / 999;
        assertThat(s.beta(500)).isCloseTo(r * r, within(1e-15));
        // Lin et al. 2024: Stable Diffusion's schedule ends at √ᾱ_T = 0.068265
        assertThat(Math.sqrt(s.alphaBar(T))).isCloseTo(0.068265, within(1e-6));
    }

    @Test
    void betaAndAlphaBarAreConsistent() {
        for (NoiseSchedule s : new NoiseSchedule[] {Schedules.cosine(50, 0.008, 0.999), Schedules.linear(50, 1e-4,
                0.02), Schedules.scaledLinear(50, 0.00085, 0.012)}) {
            assertThat(s.timesteps()).isEqualTo(50);
            assertThat(s.beta(0)).isZero();
            for (int t = 1; t <= 50; t++) {
                assertThat(s.alphaBar(t)).isLessThan(s.alphaBar(t - 1));
                assertThat(1 - s.alphaBar(t) / s.alphaBar(t - 1)).isCloseTo(s.beta(t), within(1e-12));
            }
        }
    }

    @Test
    void outOfRangeTimestepNamesTheSchedule() {
        NoiseSchedule s = Schedules.linear(10, 1e-4, 0.02);
        assertThatThrownBy(() -> s.alphaBar(11)).hasMessage("timestep 11 is outside [0, 10] of schedule 'linear'");
        assertThatThrownBy(() -> s.beta(-1)).hasMessageContaining("timestep -1");
    }
}
