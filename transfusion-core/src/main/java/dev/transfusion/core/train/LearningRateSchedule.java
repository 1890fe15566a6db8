package dev.transfusion.core.train;

/**
 * Linear warm-up from 0 to {@code peak} over {@code warmup} steps, then cosine decay to {@code min} at
 * {@code total} steps (the paper: 3e-4, 4000 warm-up, decay to 1.5e-5).
 */
public record LearningRateSchedule(double peak, int warmup, int total, double min) {
    public LearningRateSchedule {
        if (peak <= 0 || min < 0 || min > peak) {
            throw new IllegalArgumentException("need 0 <= min_lr <= lr and lr > 0, got lr " + peak + ", min_lr " + min);
        }
        if (warmup < 0 || total <= 0) {
            throw new IllegalArgumentException("warmup must be >= 0 and steps > 0");
        }
    }

    /** The learning rate for 0-based {@code step}. */
    public double at(long step) {
        if (step < warmup) {
            return peak * (step + 1) / warmup;
        }
        if (step >= total) {
            return min;
        }
        double progress = (double) (step - warmup) / Math.max(1, total - warmup);
        return min + 0.5 * (peak - min) * (1 + Math.cos(Math.PI * progress));
    }
}
