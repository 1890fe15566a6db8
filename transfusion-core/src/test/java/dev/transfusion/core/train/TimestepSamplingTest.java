package dev.transfusion.core.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.within;

import dev.transfusion.plugin.ComponentSpec;
import dev.transfusion.plugin.ConfigException;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TimestepSamplingTest {
    private static final int T = 1000;
    private static final int N = 40_000;

    /** Fraction of {@code N} draws with {@code t <= t0}. */
    private static double fractionAtMost(TimestepSampling s, int t0, long seed) {
        Random rng = new Random(seed);
        int below = 0;
        for (int i = 0; i < N; i++) {
            int t = s.draw(T, rng);
            assertThat(t).isBetween(1, T);
            below += t <= t0 ? 1 : 0;
        }
        return below / (double) N;
    }

    /** Standard normal CDF (Abramowitz-Stegun 26.2.17, |error| < 7.5e-8). */
    private static double phi(double z) {
        double k = 1 / (1 + 0.2316419 * Math.abs(z));
        double poly = k * (0.319381530 + k * (-0.356563782 + k * (1.781477937 + k * (-1.821255978 + k * 1.330274429))));
        double tail = Math.exp(-z * z / 2) / Math.sqrt(2 * Math.PI) * poly;
        return z >= 0 ? 1 - tail : tail;
    }

    @Test
    void uniformGivesEveryStepTheSameChance() {
        TimestepSampling u = new TimestepSampling.Uniform();
        assertThat(fractionAtMost(u, 250, 1)).isCloseTo(0.25, within(0.01));
        assertThat(fractionAtMost(u, 900, 2)).isCloseTo(0.90, within(0.01));
    }

    @Test
    void logitNormalMatchesItsClosedFormCdf() {
        double mean = 0.5;
        double std = 0.8;
        TimestepSampling s = new TimestepSampling.LogitNormal(mean, std);
        for (int t0 : new int[] {200, 500, 622, 800, 950}) {
            double x = t0 / (double) T;
            double expected = phi((Math.log(x / (1 - x)) - mean) / std);
            assertThat(fractionAtMost(s, t0, t0)).as("P(t <= %d)", t0).isCloseTo(expected, within(0.01));
        }
    }

    @Test
    void specNamesTheTypeAndParams() {
        assertThat(TimestepSampling.fromSpec(spec("uniform", Map.of()))).isEqualTo(new TimestepSampling.Uniform());
        assertThat(TimestepSampling.fromSpec(spec("logit_normal", Map.of("mean", 0.3))))
                .isEqualTo(new TimestepSampling.LogitNormal(0.3, 1.0));
        assertThat(catchThrowable(() -> TimestepSampling.fromSpec(spec("lognormal", Map.of()))))
                .isInstanceOf(ConfigException.class)
                .hasMessage("diffusion.timestep_sampling.type: unknown timestep sampling 'lognormal'; expected uniform "
                        + "or logit_normal");
        assertThat(catchThrowable(() -> TimestepSampling.fromSpec(spec("logit_normal", Map.of("std", 0.0)))))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("diffusion.timestep_sampling.std");
        assertThat(catchThrowable(() -> TimestepSampling.fromSpec(spec("uniform", Map.of("mean", 1.0)))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("mean").hasMessageContaining("unknown key");
    }

    @Test
    void noiseLimitingStaysUniformUnderTheCapWhateverTheSampling() {
        BatchBuilder b = BatchBuilderTest.builder(BatchBuilderTest.EPS, new TimestepSampling.LogitNormal(2.0, 0.5),
                1.0);
        Random rng = new Random(5);
        int limitedLow = 0;
        int freeHigh = 0;
        for (int i = 0; i < N; i++) {
            int limited = b.drawTimestep(true, rng);
            assertThat(limited).isBetween(1, 500);
            limitedLow += limited <= 250 ? 1 : 0;
            freeHigh += b.drawTimestep(false, rng) > 800 ? 1 : 0;
        }
        assertThat(limitedLow / (double) N).isCloseTo(0.5, within(0.015));
        // logit-normal(2, 0.5): P(t/T > 0.8) = 1 − Φ((logit 0.8 − 2)/0.5) = 1 − Φ(−1.227) ≈ 0.89
        assertThat(freeHigh / (double) N).isCloseTo(1 - phi((Math.log(4) - 2) / 0.5), within(0.01));
    }

    private static ComponentSpec spec(String type, Map<String, Object> params) {
        return ComponentSpec.of("diffusion.timestep_sampling", type, params);
    }
}
