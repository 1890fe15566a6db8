package dev.transfusion.samplers.objective;

import dev.transfusion.diffusion.DiffusionObjective;
import dev.transfusion.diffusion.NoiseSchedule;

/** {@code {type: v}}: v-prediction (DDPM). */
public final class VObjectiveFactory extends ObjectiveFactorySupport {
    @Override
    public String name() {
        return "v";
    }

    @Override
    public String description() {
        return "v-prediction (DDPM); params: optional snr_floor, snr_cap (SNR loss weighting)";
    }

    @Override
    DiffusionObjective build(NoiseSchedule schedule) {
        return new VObjective(schedule);
    }
}
