package dev.transfusion.modalities.vae;

import dev.transfusion.backend.AdamW;

/**
 * How the VAE trains (the loop is core's trainer, as for the Transfusion model): steps, batch size, peak learning rate (linear warm-up over {@code warmup} steps,
 * then cosine decay to 10%), KL weight, L1 instead of MSE, the seed, and how many training images measure the
 * latent scale factor.
 */
public record VaeTrainOptions(int steps, int batch, double lr, int warmup, double klWeight, boolean l1, long seed,
        int scaleSamples) {
    public VaeTrainOptions {
        if (steps < 1 || batch < 1 || warmup < 0 || scaleSamples < 2) {
            throw new IllegalArgumentException("need steps >= 1, batch >= 1, warmup >= 0, scaleSamples >= 2; got "
                    + steps + ", " + batch + ", " + warmup + ", " + scaleSamples);
        }
        if (!(lr > 0) || !(klWeight >= 0)) {
            throw new IllegalArgumentException("need lr > 0 and klWeight >= 0, got " + lr + ", " + klWeight);
        }
    }

    /** Defaults for a small VAE on 32×32 images: batch 16, peak lr 3e-3, 50 warm-up steps, KL weight 1e-4, MSE. */
    public static VaeTrainOptions defaults(int steps) {
        return new VaeTrainOptions(steps, 16, 3e-3, Math.min(50, steps / 10), 1e-4, false, 1234, 256);
    }

    /** The optimizer: AdamW with β = (0.9, 0.999), ε = 1e-8, no weight decay, gradients clipped to norm 1. */
    public AdamW adamW() {
        return new AdamW(0.9, 0.999, 1e-8, 0.0, 1.0);
    }

    /** The learning rate at {@code step} (0-based). */
    public double learningRate(long step) {
        if (step < warmup) {
            return lr * (step + 1) / (warmup + 1);
        }
        double progress = steps <= warmup ? 1 : (double) (step - warmup) / (steps - warmup);
        double min = 0.1 * lr;
        return min + 0.5 * (lr - min) * (1 + Math.cos(Math.PI * Math.min(1, progress)));
    }
}
