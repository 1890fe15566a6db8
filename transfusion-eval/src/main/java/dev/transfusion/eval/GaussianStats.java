package dev.transfusion.eval;

import java.util.List;
import java.util.Objects;

/** The mean and covariance of a set of feature vectors, as the Fréchet distance uses them. */
public record GaussianStats(double[] mean, double[][] covariance, int samples) {
    /** Checks that the shapes agree. */
    public GaussianStats {
        Objects.requireNonNull(mean, "mean");
        Objects.requireNonNull(covariance, "covariance");
        if (covariance.length != mean.length) {
            throw new IllegalArgumentException("covariance has " + covariance.length + " rows but the mean has "
                    + mean.length + " entries");
        }
        for (double[] row : covariance) {
            if (row.length != mean.length) {
                throw new IllegalArgumentException("covariance must be " + mean.length + "x" + mean.length);
            }
        }
    }

    /** The dimension. */
    public int dimension() {
        return mean.length;
    }

    /**
     * The sample mean and the unbiased sample covariance (divided by n − 1, as {@code numpy.cov} and the FID code
     * compute it) of {@code features}; needs at least two vectors of equal length.
     */
    public static GaussianStats of(List<double[]> features) {
        Objects.requireNonNull(features, "features");
        int n = features.size();
        if (n < 2) {
            throw new IllegalArgumentException("a covariance needs at least 2 feature vectors, got " + n);
        }
        int d = features.get(0).length;
        double[] mean = new double[d];
        for (double[] f : features) {
            if (f.length != d) {
                throw new IllegalArgumentException("feature vectors differ in length: " + d + " and " + f.length);
            }
            for (int i = 0; i < d; i++) {
                mean[i] += f[i] / n;
            }
        }
        double[][] cov = new double[d][d];
        double[] c = new double[d];
        for (double[] f : features) {
            for (int i = 0; i < d; i++) {
                c[i] = f[i] - mean[i];
            }
            for (int i = 0; i < d; i++) {
                for (int j = i; j < d; j++) {
                    cov[i][j] += c[i] * c[j];
                }
            }
        }
        for (int i = 0; i < d; i++) {
            for (int j = i; j < d; j++) {
                cov[i][j] /= n - 1;
                cov[j][i] = cov[i][j];
            }
        }
        return new GaussianStats(mean, cov, n);
    }
}
