package dev.transfusion.samplers.sampler;

import dev.transfusion.diffusion.DiffusionObjective;
import dev.transfusion.plugin.ComponentSpec;
import java.util.Objects;

/**
 * The params every built-in sampler takes: {@code steps} (within 1..T), {@code spacing} (default trailing) and
 * {@code cfg} (guidance scale, default 3.0, applied by the generator).
 */
public record SamplerParams(int steps, Spacing spacing, double guidance) {
    /** The paper's ablation CFG scale. */
    public static final double DEFAULT_GUIDANCE = 3.0;

    /** Checks the values. */
    public SamplerParams {
        Objects.requireNonNull(spacing, "spacing");
        if (steps < 1) {
            throw new IllegalArgumentException("steps must be >= 1, got " + steps);
        }
    }

    /** Reads the shared params, checking {@code steps <= T} of the objective. */
    public static SamplerParams read(ComponentSpec spec, int defaultSteps, DiffusionObjective objective) {
        int timesteps = objective.timesteps();
        int steps = spec.getInt("steps", Math.min(defaultSteps, timesteps));
        if (steps < 1 || steps > timesteps) {
            throw spec.error("steps", "expected an integer in [1, " + timesteps + "] (the objective's T), got "
                    + steps);
        }
        Spacing spacing = Spacing.read(spec);
        double guidance = spec.getDouble("cfg", DEFAULT_GUIDANCE, 0.0, 100.0);
        return new SamplerParams(steps, spacing, guidance);
    }

    /** The visited timesteps, descending. */
    public int[] timesteps(int trainedTimesteps) {
        return spacing.timesteps(trainedTimesteps, steps);
    }
}
