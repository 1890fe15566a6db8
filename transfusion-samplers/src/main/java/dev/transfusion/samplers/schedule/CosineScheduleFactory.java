package dev.transfusion.samplers.schedule;

import dev.transfusion.diffusion.NoiseSchedule;
import dev.transfusion.diffusion.NoiseScheduleFactory;
import dev.transfusion.plugin.ComponentSpec;
import dev.transfusion.plugin.PluginContext;
import java.util.Objects;

/**
 * {@code {type: cosine, timesteps: 1000, s: 0.008, max_beta: 0.999, shift: 1}}: the improved-DDPM cosine schedule,
 * its SNR optionally divided by {@code shift²} (see {@link Schedules#cosine(int, double, double, double)}).
 */
public final class CosineScheduleFactory implements NoiseScheduleFactory {
    @Override
    public String name() {
        return "cosine";
    }

    @Override
    public String description() {
        return "cosine ᾱ schedule (Nichol & Dhariwal); params timesteps=1000, s=0.008, max_beta=0.999, shift=1";
    }

    @Override
    public NoiseSchedule create(ComponentSpec spec, PluginContext context) {
        Objects.requireNonNull(spec, "spec");
        spec.requireOnly("timesteps", "s", "max_beta", "shift");
        int timesteps = ScheduleParams.timesteps(spec);
        double s = spec.getDouble("s", 0.008, 0.0, 1.0);
        double maxBeta = ScheduleParams.beta(spec, "max_beta", 0.999);
        double shift = spec.getDouble("shift", 1.0, 0.01, 100.0);
        return Schedules.cosine(timesteps, s, maxBeta, shift);
    }
}
