package dev.transfusion.samplers.objective;

import dev.transfusion.diffusion.DiffusionObjective;
import dev.transfusion.diffusion.DiffusionObjectiveFactory;
import dev.transfusion.diffusion.NoiseSchedule;
import dev.transfusion.diffusion.NoiseScheduleFactory;
import dev.transfusion.diffusion.SnrWeighting;
import dev.transfusion.plugin.ComponentSpec;
import dev.transfusion.plugin.PluginContext;
import java.util.Objects;

/**
 * Shared part of the built-in objective factories. λ is {@code diffusion.loss_weight} and T comes from the
 * schedule (the context's {@link NoiseScheduleFactory#SCHEDULE}); the only params are an optional SNR loss weighting, {@code snr_floor} (default 0) and
 * {@code snr_cap} (default unbounded): giving either weights each image's x0 error by
 * {@code clamp(SNR(t), snr_floor, snr_cap)} (see {@link SnrWeighting}); giving neither keeps the plain loss.
 */
abstract class ObjectiveFactorySupport implements DiffusionObjectiveFactory {
    /** The paper's λ in {@code L = L_LM + λ·L_DDPM}. */
    static final double DEFAULT_WEIGHT = 5.0;

    @Override
    public final DiffusionObjective create(ComponentSpec spec, PluginContext context) {
        Objects.requireNonNull(spec, "spec");
        spec.requireOnly("snr_floor", "snr_cap");
        DiffusionObjective objective = build(context.require(NoiseScheduleFactory.SCHEDULE));
        if (!spec.has("snr_floor") && !spec.has("snr_cap")) {
            return objective;
        }
        double floor = spec.getDouble("snr_floor", 0.0, 0.0, 1e6);
        double cap = spec.getDouble("snr_cap", Double.POSITIVE_INFINITY, 1e-6, Double.POSITIVE_INFINITY);
        if (floor > cap) {
            throw spec.error("snr_floor", "must not exceed snr_cap (" + cap + "), got " + floor);
        }
        return new SnrWeightedObjective(objective, new SnrWeighting(floor, cap));
    }

    /** Builds the objective over {@code schedule}. */
    abstract DiffusionObjective build(NoiseSchedule schedule);
}
