package dev.transfusion.samplers.schedule;

import dev.transfusion.diffusion.NoiseSchedule;
import dev.transfusion.diffusion.NoiseScheduleFactory;
import dev.transfusion.plugin.ComponentSpec;
import dev.transfusion.plugin.PluginContext;
import java.util.Objects;

/** {@code {type: scaled-linear, timesteps: 1000, beta_start: 0.00085, beta_end: 0.012}}: Stable Diffusion's betas. */
public final class ScaledLinearScheduleFactory implements NoiseScheduleFactory {
    @Override
    public String name() {
        return "scaled-linear";
    }

    @Override
    public String description() {
        return "scaled-linear β schedule (√β linear, Stable Diffusion); params timesteps=1000, beta_start=0.00085,"
                + " beta_end=0.012";
    }

    @Override
    public NoiseSchedule create(ComponentSpec spec, PluginContext context) {
        Objects.requireNonNull(spec, "spec");
        spec.requireOnly("timesteps", "beta_start", "beta_end");
        int timesteps = ScheduleParams.timesteps(spec);
        double start = ScheduleParams.beta(spec, "beta_start", 0.00085);
        double end = ScheduleParams.beta(spec, "beta_end", 0.012);
        return Schedules.scaledLinear(timesteps, start, end);
    }
}
