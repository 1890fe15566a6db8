package dev.transfusion.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The Fréchet distance against closed forms, and the sample statistics against direct sums. */
class FrechetDistanceTest {
    /** Diagonal covariances commute: FD = Σ(μ1−μ2)² + Σ(σ1 − σ2)² with σ the standard deviations. */
    @Test
    void diagonalGaussiansMatchClosedForm() {
        double[] m1 = {0.5, -1, 2};
        double[] m2 = {1.5, 1, 2};
        double[] v1 = {1, 4, 0.25};
        double[] v2 = {9, 1, 0.25};
        double expected = 1 + 4 + 0 + (1 - 3) * (1 - 3) + (2 - 1) * (2 - 1) + 0;
        assertThat(FrechetDistance.between(stats(m1, diag(v1)), stats(m2, diag(v2)))).isCloseTo(expected, within(1e-10));
    }

    /**
     * For a full (non-diagonal) Σ and Σ1 = c·Σ: (Σ1Σ)^{1/2} = √c·Σ, so FD = ‖Δμ‖² + (1 − √c)²·Tr Σ; the eigenvectors
     * are not axis-aligned, so this exercises the general square root.
     */
    @Test
    void scaledFullCovarianceMatchesClosedForm() {
        double[][] s = {{2.0, 0.8, 0.3}, {0.8, 1.5, -0.4}, {0.3, -0.4, 1.0}};
        double c = 4.0;
        double[][] s1 = new double[3][3];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                s1[i][j] = c * s[i][j];
            }
        }
        double expected = 1.0 * 1.0 + (1 - Math.sqrt(c)) * (1 - Math.sqrt(c)) * (2.0 + 1.5 + 1.0);
        double fd = FrechetDistance.between(stats(new double[] {1, 0, 0}, s1), stats(new double[3], s));
        assertThat(fd).isCloseTo(expected, within(1e-10));
    }

    /** Σ1 = I against a rotated diagonal Σ2 = R·diag(b)·Rᵀ: FD = d + Σb − 2Σ√b. */
    @Test
    void identityAgainstRotatedDiagonal() {
        double t = 0.7;
        double[][] r = {{Math.cos(t), -Math.sin(t)}, {Math.sin(t), Math.cos(t)}};
        double[] b = {4, 0.25};
        double[][] s2 = new double[2][2];
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 2; j++) {
                for (int k = 0; k < 2; k++) {
                    s2[i][j] += r[i][k] * b[k] * r[j][k];
                }
            }
        }
        double expected = 2 + 4.25 - 2 * (2 + 0.5);
        assertThat(FrechetDistance.between(stats(new double[2], diag(new double[] {1, 1})), stats(new double[2], s2)))
                .isCloseTo(expected, within(1e-10));
    }

    @Test
    void identicalStatisticsAreAtDistanceZeroAndSingularCovariancesWork() {
        List<double[]> f = new ArrayList<>();
        Random rng = new Random(3);
        for (int i = 0; i < 5; i++) { // 5 samples in 8 dimensions: a rank-4 covariance
            double[] v = new double[8];
            for (int j = 0; j < v.length; j++) {
                v[j] = rng.nextGaussian();
            }
            f.add(v);
        }
        GaussianStats s = GaussianStats.of(f);
        // zero eigenvalues carry round-off of ~1e-16, whose square roots are ~1e-8: allow 1e-6 (the trace is ~8)
        assertThat(FrechetDistance.between(s, s)).isCloseTo(0.0, within(1e-6));
    }

    @Test
    void sampleStatisticsAreMeanAndUnbiasedCovariance() {
        GaussianStats s = GaussianStats.of(List.of(new double[] {1, 2}, new double[] {3, 2}, new double[] {5, 8}));
        assertThat(s.mean()).containsExactly(3.0, 4.0);
        // deviations (-2,-2), (0,-2), (2,4): Σ = [[8, 12], [12, 24]] / 2
        assertThat(s.covariance()[0]).containsExactly(4.0, 6.0);
        assertThat(s.covariance()[1]).containsExactly(6.0, 12.0);
        assertThat(s.samples()).isEqualTo(3);
        assertThatThrownBy(() -> GaussianStats.of(List.of(new double[] {1}))).hasMessageContaining("at least 2");
    }

    @Test
    void rejectsMismatchedDimensions() {
        assertThatThrownBy(() -> FrechetDistance.between(stats(new double[1], diag(new double[] {1})),
                stats(new double[2], diag(new double[] {1, 1})))).hasMessageContaining("1 vs 2");
    }

    private static GaussianStats stats(double[] mean, double[][] cov) {
        return new GaussianStats(mean, cov, 2);
    }

    private static double[][] diag(double[] v) {
        double[][] m = new double[v.length][v.length];
        for (int i = 0; i < v.length; i++) {
            m[i][i] = v[i];
        }
        return m;
    }
}
