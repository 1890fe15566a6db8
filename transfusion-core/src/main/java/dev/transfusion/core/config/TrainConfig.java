package dev.transfusion.core.config;

/**
 * {@code train:} the optimisation recipe (AdamW, linear warm-up then cosine decay from {@code lr} to
 * {@code minLr}), logging and checkpoint cadence, and how many non-finite losses are tolerated before stopping.
 * {@code checkpointEvery} 0 means only at the end; {@code clipNorm} 0 disables clipping. {@code ema} is the decay of
 * an exponential moving average of the weights that sampling uses (0 = off, sampling uses the last weights).
 */
public record TrainConfig(int steps, int batch, int seqLen, double lr, int warmup, double minLr, double weightDecay,
        double beta1, double beta2, double eps, double clipNorm, int logEvery, int checkpointEvery,
        int keepCheckpoints, int maxNonfinite, double ema) {
    public TrainConfig {
        Checks.positive("steps", steps);
        Checks.positive("batch", batch);
        Checks.atLeast("seq_len", seqLen, 8);
        Checks.positive("lr", lr);
        Checks.nonNegative("warmup", warmup);
        Checks.nonNegative("min_lr", minLr);
        if (minLr > lr) {
            throw new InvalidValueException("min_lr", "min_lr (" + minLr + ") must not exceed lr (" + lr + ")");
        }
        Checks.nonNegative("weight_decay", weightDecay);
        Checks.halfOpenUnit("beta1", beta1);
        Checks.halfOpenUnit("beta2", beta2);
        Checks.positive("eps", eps);
        Checks.nonNegative("clip_norm", clipNorm);
        Checks.positive("log_every", logEvery);
        Checks.nonNegative("checkpoint_every", checkpointEvery);
        Checks.positive("keep_checkpoints", keepCheckpoints);
        Checks.nonNegative("max_nonfinite", maxNonfinite);
        if (!(ema >= 0 && ema < 1)) {
            throw new InvalidValueException("ema", "ema must be 0 (off) or a decay in (0, 1) such as 0.999, got " + ema);
        }
    }

    /** The defaults: the paper's AdamW settings at toy scale (2000 steps, batch 32, 128 tokens). */
    public static TrainConfig defaults() {
        return new TrainConfig(2000, 32, 128, 3.0e-4, 200, 1.5e-5, 0.1, 0.9, 0.95, 1.0e-8, 1.0, 10, 500, 3, 20, 0.0);
    }

    /** The AdamW settings of this recipe. */
    public dev.transfusion.backend.AdamW adamW() {
        return new dev.transfusion.backend.AdamW(beta1, beta2, eps, weightDecay, clipNorm);
    }
}
