package dev.transfusion.samplers.schedule;

import dev.transfusion.diffusion.NoiseSchedule;
import dev.transfusion.diffusion.NoiseScheduleFactory;
import dev.transfusion.plugin.ComponentSpec;
import dev.transfusion.plugin.PluginContext;
import java.util.Objects;

/** {@code {type: cosine, timesteps: 1000, s: 0.008, max_beta: 0.999}}: the improved-DDPM cosine schedule. */
public final class CosineScheduleFactory implements NoiseScheduleFactory {
    @Override
    public String name() {
        return "cosine";
    }

    @Override
    public String description() {
        return "cosine ᾱ schedule (Nichol & Dhariwal); params timesteps=1000, s=0.008, max_beta=0.999";
    }

    @Override
    public NoiseSchedule create(ComponentSpec spec, PluginContext context) {
        Objects.requireNonNull(spec, "spec");
        spec.requireOnly("timesteps", "s", "max_beta");
        int timesteps = ScheduleParams.timesteps(spec);
        double s = spec.getDouble("s", 0.008, 0.0, 1.0);
        double maxBeta = ScheduleParams.beta(spec, "max_beta", 0.999);
        return Schedules.cosine(timesteps, s, maxBeta);
    }
}
