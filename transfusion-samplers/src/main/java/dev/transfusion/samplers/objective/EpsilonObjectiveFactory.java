package dev.transfusion.samplers.objective;

import dev.transfusion.diffusion.DiffusionObjective;
import dev.transfusion.diffusion.NoiseSchedule;

/** {@code {type: epsilon}}: ε-prediction (DDPM). */
public final class EpsilonObjectiveFactory extends ObjectiveFactorySupport {
    @Override
    public String name() {
        return "epsilon";
    }

    @Override
    public String description() {
        return "ε-prediction (DDPM); params: optional snr_floor, snr_cap (SNR loss weighting)";
    }

    @Override
    DiffusionObjective build(NoiseSchedule schedule) {
        return new EpsilonObjective(schedule);
    }
}
