package com.example.transfusion.schedule;

import dev.transfusion.diffusion.NoiseSchedule;
import dev.transfusion.diffusion.NoiseScheduleFactory;
import dev.transfusion.plugin.ComponentSpec;
import dev.transfusion.plugin.PluginContext;

/** {@code diffusion.schedule: {type: sigmoid, timesteps: 1000, start: -3, end: 3, tau: 1}}. */
public final class SigmoidScheduleFactory implements NoiseScheduleFactory {
    @Override
    public String name() {
        return "sigmoid";
    }

    @Override
    public String description() {
        return "sigmoid ᾱ schedule (Jabri et al. 2023), a third-party example plugin";
    }

    @Override
    public NoiseSchedule create(ComponentSpec spec, PluginContext context) {
        spec.requireOnly("timesteps", "start", "end", "tau");
        double start = spec.getDouble("start", -3.0);
        double end = spec.getDouble("end", 3.0);
        if (end <= start) {
            throw spec.error("end", "must be greater than start (" + start + "), got " + end);
        }
        return new SigmoidSchedule(spec.getInt("timesteps", 1000, 1, 100_000), start, end,
                spec.getDouble("tau", 1.0, 1e-3, 100.0));
    }
}
