package dev.transfusion.samplers.schedule;

/** The built-in beta schedules as plain functions of their parameters. */
public final class Schedules {
    private Schedules() {
    }

    /**
     * Nichol &amp; Dhariwal's cosine schedule: {@code ᾱ(t) = f(t)/f(0)}, {@code f(t) = cos²(((t/T) + s)/(1 + s)·π/2)},
     * realised as {@code β_t = min(1 − f(t)/f(t−1), maxBeta)} (improved-diffusion), so only the clipped last steps
     * deviate from the closed form.
     */
    public static TabulatedSchedule cosine(int timesteps, double s, double maxBeta) {
        requirePositive(timesteps);
        double[] betas = new double[timesteps];
        for (int t = 1; t <= timesteps; t++) {
            betas[t - 1] = Math.min(1.0 - cosineF(t, timesteps, s) / cosineF(t - 1, timesteps, s), maxBeta);
        }
        return new TabulatedSchedule("cosine", betas);
    }

    /** DDPM's linear schedule: β evenly spaced from {@code betaStart} (t = 1) to {@code betaEnd} (t = T). */
    public static TabulatedSchedule linear(int timesteps, double betaStart, double betaEnd) {
        requirePositive(timesteps);
        double[] betas = new double[timesteps];
        for (int i = 0; i < timesteps; i++) {
            betas[i] = lerp(betaStart, betaEnd, i, timesteps);
        }
        return new TabulatedSchedule("linear", betas);
    }

    /** Stable Diffusion's scaled-linear schedule: √β evenly spaced from √betaStart to √betaEnd, squared. */
    public static TabulatedSchedule scaledLinear(int timesteps, double betaStart, double betaEnd) {
        requirePositive(timesteps);
        double[] betas = new double[timesteps];
        double lo = Math.sqrt(betaStart);
        double hi = Math.sqrt(betaEnd);
        for (int i = 0; i < timesteps; i++) {
            double r = lerp(lo, hi, i, timesteps);
            betas[i] = r * r;
        }
        return new TabulatedSchedule("scaled-linear", betas);
    }

    private static double cosineF(int t, int timesteps, double s) {
        double c = Math.cos(((double) t / timesteps + s) / (1.0 + s) * Math.PI / 2.0);
        return c * c;
    }

    /** Element {@code i} of {@code linspace(lo, hi, n)} (just {@code lo} when n = 1). */
    private static double lerp(double lo, double hi, int i, int n) {
        return n == 1 ? lo : lo + (hi - lo) * i / (n - 1);
    }

    private static void requirePositive(int timesteps) {
        if (timesteps < 1) {
            throw new IllegalArgumentException("timesteps must be at least 1, got " + timesteps);
        }
    }
}
