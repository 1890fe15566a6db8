package dev.transfusion.diffusion;

/**
 * The linear form of a diffusion objective at one timestep: {@code x_t = signal·x0 + noise·ε} and
 * {@code target = targetSignal·x0 + targetNoise·ε}. Every built-in objective is linear in (x0, ε), so a trainer
 * can apply these per-image scalars on the device, and {@link #interpret} inverts the 2×2 system exactly.
 */
public record Coefficients(double signal, double noise, double targetSignal, double targetNoise) {
    /** Checks every coefficient is finite. */
    public Coefficients {
        if (!Double.isFinite(signal) || !Double.isFinite(noise) || !Double.isFinite(targetSignal)
                || !Double.isFinite(targetNoise)) {
            throw new IllegalArgumentException("non-finite coefficients: signal " + signal + ", noise " + noise
                    + ", targetSignal " + targetSignal + ", targetNoise " + targetNoise);
        }
    }

    /** Writes {@code signal·x0 + noise·eps} into {@code out} (element-wise, all arrays of one length). */
    public void noisy(float[] x0, float[] eps, float[] out) {
        combine(signal, x0, noise, eps, out);
    }

    /** Writes {@code targetSignal·x0 + targetNoise·eps} into {@code out}. */
    public void target(float[] x0, float[] eps, float[] out) {
        combine(targetSignal, x0, targetNoise, eps, out);
    }

    /**
     * Solves {@code x_t = a·x0 + b·ε, out = c·x0 + d·ε} for (x0, ε), element-wise; fails where the system is
     * singular (e.g. x0-prediction at t = 0, where ε is not determined).
     */
    public Prediction interpret(float[] modelOut, float[] xt) {
        int n = sameLength(modelOut, xt);
        double det = determinant();
        if (Math.abs(det) < 1e-12) {
            throw new IllegalArgumentException("coefficients " + this + " are singular: (x_t, model output) does"
                    + " not determine (x0, ε)");
        }
        float[] x0 = new float[n];
        float[] eps = new float[n];
        for (int i = 0; i < n; i++) {
            double x = xt[i];
            double m = modelOut[i];
            x0[i] = (float) ((targetNoise * x - noise * m) / det);
            eps[i] = (float) ((signal * m - targetSignal * x) / det);
        }
        return new Prediction(x0, eps);
    }

    /**
     * {@code signal·targetNoise − noise·targetSignal}, the determinant of the (x_t, target) system: an error δ in the
     * model output is an error {@code −noise·δ / det} in x0 (see {@link #interpret}).
     */
    public double determinant() {
        return signal * targetNoise - noise * targetSignal;
    }

    private static void combine(double a, float[] x, double b, float[] y, float[] out) {
        int n = sameLength(x, y);
        if (out.length != n) {
            throw new IllegalArgumentException("output has " + out.length + " elements, inputs have " + n);
        }
        for (int i = 0; i < n; i++) {
            out[i] = (float) (a * x[i] + b * y[i]);
        }
    }

    private static int sameLength(float[] a, float[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("arrays differ in length: " + a.length + " vs " + b.length);
        }
        return a.length;
    }
}
