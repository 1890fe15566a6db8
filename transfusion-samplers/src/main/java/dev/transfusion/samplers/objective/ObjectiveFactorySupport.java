package dev.transfusion.samplers.objective;

import dev.transfusion.diffusion.DiffusionObjective;
import dev.transfusion.diffusion.DiffusionObjectiveFactory;
import dev.transfusion.diffusion.NoiseSchedule;
import dev.transfusion.plugin.ComponentSpec;
import dev.transfusion.plugin.PluginContext;
import java.util.Objects;

/**
 * Shared part of the built-in objective factories. They take no params: λ is {@code diffusion.loss_weight} and T
 * comes from the schedule.
 */
abstract class ObjectiveFactorySupport implements DiffusionObjectiveFactory {
    /** The paper's λ in {@code L = L_LM + λ·L_DDPM}. */
    static final double DEFAULT_WEIGHT = 5.0;

    @Override
    public final DiffusionObjective create(ComponentSpec spec, PluginContext context, NoiseSchedule schedule) {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(schedule, "schedule");
        spec.requireOnly();
        return build(schedule);
    }

    /** Builds the objective over {@code schedule}. */
    abstract DiffusionObjective build(NoiseSchedule schedule);
}
