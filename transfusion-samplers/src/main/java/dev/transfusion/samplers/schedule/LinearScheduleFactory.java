package dev.transfusion.samplers.schedule;

import dev.transfusion.diffusion.NoiseSchedule;
import dev.transfusion.diffusion.NoiseScheduleFactory;
import dev.transfusion.plugin.ComponentSpec;
import dev.transfusion.plugin.PluginContext;
import java.util.Objects;

/**
 * {@code {type: linear, timesteps: 1000, beta_start: 1e-4, beta_end: 0.02}}: DDPM's linear betas (diffusers-style:
 * the bounds are not rescaled by 1000/T as improved-diffusion does).
 */
public final class LinearScheduleFactory implements NoiseScheduleFactory {
    @Override
    public String name() {
        return "linear";
    }

    @Override
    public String description() {
        return "linear β schedule (DDPM); params timesteps=1000, beta_start=1e-4, beta_end=0.02";
    }

    @Override
    public NoiseSchedule create(ComponentSpec spec, PluginContext context) {
        Objects.requireNonNull(spec, "spec");
        spec.requireOnly("timesteps", "beta_start", "beta_end");
        int timesteps = ScheduleParams.timesteps(spec);
        double start = ScheduleParams.beta(spec, "beta_start", 1e-4);
        double end = ScheduleParams.beta(spec, "beta_end", 0.02);
        return Schedules.linear(timesteps, start, end);
    }
}
