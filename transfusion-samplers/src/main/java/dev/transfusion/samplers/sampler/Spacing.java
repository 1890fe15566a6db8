package dev.transfusion.samplers.sampler;

import dev.transfusion.plugin.ComponentSpec;
import java.util.Arrays;
import java.util.Locale;

/**
 * How {@code n} sampling steps are picked from the T trained timesteps (diffusers' {@code timestep_spacing}, shifted
 * by one because our trained levels are {@code 1..T}, not {@code 0..T−1}). Each list is strictly descending; the
 * sampler goes from its last entry to t = 0. Rounding is half-to-even, as numpy's.
 * <ul>
 *   <li>{@code trailing}: {@code t_i = round(T − i·T/n)}, i = 0..n−1 — starts at T (pure noise), ends at ≈T/n.</li>
 *   <li>{@code leading}: {@code t_i = 1 + (n−1−i)·⌊T/n⌋} — ends at 1, never reaches T (starts at
 *       {@code 1 + (n−1)·⌊T/n⌋}).</li>
 *   <li>{@code linspace}: {@code t_i = 1 + round((n−1−i)·(T−1)/(n−1))} — from T down to 1 inclusive ({@code [T]} when
 *       n = 1).</li>
 * </ul>
 */
public enum Spacing {
    /** Evenly from T, stride T/n: the first step is pure noise. */
    TRAILING,
    /** Evenly from 1, stride ⌊T/n⌋: the last step is t = 1. */
    LEADING,
    /** Evenly from T down to 1, both included. */
    LINSPACE;

    /** The config value, e.g. {@code trailing}. */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The {@code steps} descending timesteps this spacing visits out of {@code timesteps} trained ones. */
    public int[] timesteps(int timesteps, int steps) {
        if (timesteps < 1 || steps < 1 || steps > timesteps) {
            throw new IllegalArgumentException("need 1 <= steps <= T, got steps " + steps + " and T " + timesteps);
        }
        int[] ts = new int[steps];
        for (int i = 0; i < steps; i++) {
            ts[i] = switch (this) {
                case TRAILING -> (int) Math.rint(timesteps - (double) i * timesteps / steps);
                case LEADING -> 1 + (steps - 1 - i) * (timesteps / steps);
                case LINSPACE -> steps == 1 ? timesteps
                        : 1 + (int) Math.rint((double) (steps - 1 - i) * (timesteps - 1) / (steps - 1));
            };
        }
        return ts;
    }

    /** Reads {@code spacing} from {@code spec} (default {@code trailing}), naming the known values on error. */
    public static Spacing read(ComponentSpec spec) {
        String value = spec.getString("spacing", TRAILING.configName());
        for (Spacing s : values()) {
            if (s.configName().equals(value)) {
                return s;
            }
        }
        throw spec.error("spacing", "unknown spacing '" + value + "'; known: "
                + Arrays.stream(values()).map(Spacing::configName).toList());
    }
}
