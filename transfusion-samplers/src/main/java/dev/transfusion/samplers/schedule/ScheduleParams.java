package dev.transfusion.samplers.schedule;

import dev.transfusion.plugin.ComponentSpec;

/** Params shared by the schedule factories, read with errors that name the key path. */
final class ScheduleParams {
    /** The largest T accepted (keeps tables small and catches typos such as 1e7). */
    static final int MAX_TIMESTEPS = 100_000;

    private ScheduleParams() {
    }

    /** {@code timesteps}: T, default 1000. */
    static int timesteps(ComponentSpec spec) {
        return spec.getInt("timesteps", 1000, 1, MAX_TIMESTEPS);
    }

    /** A beta bound, which must lie strictly inside (0, 1). */
    static double beta(ComponentSpec spec, String key, double defaultValue) {
        double b = spec.getDouble(key, defaultValue);
        if (!(b > 0.0 && b < 1.0)) {
            throw spec.error(key, "expected a beta strictly between 0 and 1, got " + b);
        }
        return b;
    }
}
