package dev.transfusion.core.train;

import dev.transfusion.plugin.ComponentSpec;
import java.util.Objects;
import java.util.Random;

/**
 * How training draws an image's diffusion step {@code t ∈ 1..T}: uniformly (DDPM, the paper), or from a
 * logit-normal density over {@code t/T} (Esser et al. 2024), which spends the steps on the middle of the schedule
 * where the image's layout is decided instead of on the nearly clean and nearly pure-noise ends.
 */
public sealed interface TimestepSampling {
    /** Draws {@code t} in {@code 1..timesteps}. */
    int draw(int timesteps, Random rng);

    /** {@code t ~ U{1..T}}. */
    record Uniform() implements TimestepSampling {
        @Override
        public int draw(int timesteps, Random rng) {
            return 1 + rng.nextInt(timesteps);
        }
    }

    /** {@code t/T = sigmoid(mean + std·n)}, {@code n ~ N(0, 1)}, rounded up to a step in {@code 1..T}. */
    record LogitNormal(double mean, double std) implements TimestepSampling {
        public LogitNormal {
            if (!Double.isFinite(mean) || !(std > 0) || !Double.isFinite(std)) {
                throw new IllegalArgumentException("logit-normal needs a finite mean and std > 0, got " + mean + ", "
                        + std);
            }
        }

        @Override
        public int draw(int timesteps, Random rng) {
            double u = 1.0 / (1.0 + Math.exp(-(mean + std * rng.nextGaussian())));
            return Math.max(1, Math.min(timesteps, (int) Math.ceil(u * timesteps)));
        }
    }

    /** {@code diffusion.timestep_sampling}: {@code {type: uniform}} or {@code {type: logit_normal, mean, std}}. */
    static TimestepSampling fromSpec(ComponentSpec spec) {
        Objects.requireNonNull(spec, "spec");
        return switch (spec.type()) {
            case "uniform" -> {
                spec.requireOnly();
                yield new Uniform();
            }
            case "logit_normal" -> {
                spec.requireOnly("mean", "std");
                yield new LogitNormal(spec.getDouble("mean", 0.0, -10, 10), spec.getDouble("std", 1.0, 1e-3, 10));
            }
            default -> throw spec.error("type", "unknown timestep sampling '" + spec.type()
                    + "'; expected uniform or logit_normal");
        };
    }
}
