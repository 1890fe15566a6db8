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
        return cosine(timesteps, s, maxBeta, 1.0);
    }

    /**
     * The cosine schedule with its signal-to-noise ratio divided by {@code shift²} at every step — the "shifted
     * cosine" of Hoogeboom et al. (2023, simple diffusion), {@code log SNR(t) − 2 log shift}: images whose content
     * survives more noise (larger, or simpler) need the shift to spend as many steps where their layout is decided.
     * {@code shift = 1} is the plain cosine schedule.
     */
    public static TabulatedSchedule cosine(int timesteps, double s, double maxBeta, double shift) {
        requirePositive(timesteps);
        if (!(shift > 0) || Double.isInfinite(shift)) {
            throw new IllegalArgumentException("shift must be a finite number > 0, got " + shift);
        }
        double[] betas = new double[timesteps];
        for (int t = 1; t <= timesteps; t++) {
            double ratio = shift == 1.0 ? cosineF(t, timesteps, s) / cosineF(t - 1, timesteps, s)
                    : shifted(t, timesteps, s, shift) / shifted(t - 1, timesteps, s, shift);
            betas[t - 1] = Math.min(1.0 - ratio, maxBeta);
        }
        return new TabulatedSchedule("cosine", betas);
    }

    /** The closed-form cosine {@code ᾱ(t)} with its SNR {@code ᾱ / (1 − ᾱ)} divided by {@code shift²}. */
    private static double shifted(int t, int timesteps, double s, double shift) {
        if (t == 0) {
            return 1.0;
        }
        double alphaBar = cosineF(t, timesteps, s) / cosineF(0, timesteps, s);
        double snr = alphaBar / (1.0 - alphaBar) / (shift * shift);
        return snr / (1.0 + snr);
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
