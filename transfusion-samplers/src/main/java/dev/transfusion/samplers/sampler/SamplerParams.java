package dev.transfusion.samplers.sampler;

import dev.transfusion.diffusion.DiffusionObjective;
import dev.transfusion.plugin.ComponentSpec;
import java.util.Objects;

/**
 * The params every built-in sampler takes: {@code steps} (within 1..T), {@code spacing} (default trailing),
 * {@code cfg} (guidance scale, default 3.0, applied by the generator) and {@code cfg_from}/{@code cfg_to}: the
 * interval of {@code t/T} in which guidance is applied (default [0, 1], everywhere). Guidance at high noise mostly
 * inflates and distorts the layout; limiting it to the middle of the schedule keeps its benefit (Kynkäänniemi et
 * al., 2024, "Applying guidance in a limited interval improves sample and distribution quality").
 */
public record SamplerParams(int steps, Spacing spacing, double guidance, double guidanceFrom, double guidanceTo) {
    /** The paper's ablation CFG scale. */
    public static final double DEFAULT_GUIDANCE = 3.0;

    /** Checks the values. */
    public SamplerParams {
        Objects.requireNonNull(spacing, "spacing");
        if (steps < 1) {
            throw new IllegalArgumentException("steps must be >= 1, got " + steps);
        }
        if (!(guidanceFrom >= 0 && guidanceFrom <= guidanceTo && guidanceTo <= 1)) {
            throw new IllegalArgumentException("need 0 <= cfg_from <= cfg_to <= 1, got " + guidanceFrom + ", "
                    + guidanceTo);
        }
    }

    /** Everywhere-guided params. */
    public SamplerParams(int steps, Spacing spacing, double guidance) {
        this(steps, spacing, guidance, 0.0, 1.0);
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
        double from = spec.getDouble("cfg_from", 0.0, 0.0, 1.0);
        double to = spec.getDouble("cfg_to", 1.0, 0.0, 1.0);
        if (from > to) {
            throw spec.error("cfg_from", "cfg_from (" + from + ") must not exceed cfg_to (" + to + ")");
        }
        return new SamplerParams(steps, spacing, guidance, from, to);
    }

    /** True when guidance applies at timestep {@code t} of {@code trainedTimesteps}. */
    public boolean guidedAt(int t, int trainedTimesteps) {
        double u = t / (double) trainedTimesteps;
        return u >= guidanceFrom && u <= guidanceTo;
    }

    /** The visited timesteps, descending. */
    public int[] timesteps(int trainedTimesteps) {
        return spacing.timesteps(trainedTimesteps, steps);
    }
}
