package dev.transfusion.samplers.objective;

import dev.transfusion.diffusion.DiffusionObjective;
import dev.transfusion.diffusion.NoiseSchedule;

/** {@code {type: x0}}: x0-prediction (DDPM). */
public final class X0ObjectiveFactory extends ObjectiveFactorySupport {
    @Override
    public String name() {
        return "x0";
    }

    @Override
    public String description() {
        return "x0-prediction (DDPM); params: optional snr_floor, snr_cap (SNR loss weighting)";
    }

    @Override
    DiffusionObjective build(NoiseSchedule schedule) {
        return new X0Objective(schedule);
    }
}
