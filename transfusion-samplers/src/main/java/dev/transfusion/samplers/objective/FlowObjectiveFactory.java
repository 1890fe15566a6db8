package dev.transfusion.samplers.objective;

import dev.transfusion.diffusion.DiffusionObjective;
import dev.transfusion.diffusion.NoiseSchedule;

/** {@code {type: flow}}: rectified-flow velocity ε − x0 (FLOW). */
public final class FlowObjectiveFactory extends ObjectiveFactorySupport {
    @Override
    public String name() {
        return "flow";
    }

    @Override
    public String description() {
        return "rectified-flow velocity ε − x0 (FLOW); params: optional snr_floor, snr_cap (SNR loss weighting)";
    }

    @Override
    DiffusionObjective build(NoiseSchedule schedule) {
        return new FlowObjective(schedule);
    }
}
