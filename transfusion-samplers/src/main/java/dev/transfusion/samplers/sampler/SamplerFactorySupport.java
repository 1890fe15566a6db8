package dev.transfusion.samplers.sampler;

import dev.transfusion.diffusion.DiffusionObjective;
import dev.transfusion.diffusion.DiffusionObjectiveFactory;
import dev.transfusion.diffusion.NoiseSchedule;
import dev.transfusion.diffusion.NoiseScheduleFactory;
import dev.transfusion.diffusion.Sampler;
import dev.transfusion.diffusion.SamplerFactory;
import dev.transfusion.plugin.ComponentSpec;
import dev.transfusion.plugin.PluginContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Shared part of the built-in sampler factories: the schedule and objective from the context, the family check, unknown-key check and the common params
 * {@code steps}, {@code spacing}, {@code cfg}, {@code cfg_from}, {@code cfg_to}.
 */
abstract class SamplerFactorySupport implements SamplerFactory {
    @Override
    public final Sampler create(ComponentSpec spec, PluginContext context) {
        Objects.requireNonNull(spec, "spec");
        NoiseSchedule schedule = context.require(NoiseScheduleFactory.SCHEDULE);
        DiffusionObjective objective = context.require(DiffusionObjectiveFactory.OBJECTIVE);
        SamplerFactory.requireFamily(spec, family(), objective);
        List<String> known = new ArrayList<>(List.of("steps", "spacing", "cfg", "cfg_from", "cfg_to"));
        known.addAll(extraKeys());
        spec.requireOnly(known.toArray(String[]::new));
        SamplerParams params = SamplerParams.read(spec, defaultSteps(), objective);
        return build(spec, schedule, objective, params);
    }

    /** The default number of steps. */
    abstract int defaultSteps();

    /** Params this sampler takes beyond steps, spacing and cfg. */
    abstract List<String> extraKeys();

    /** Builds the sampler once the family and the shared params are checked. */
    abstract Sampler build(ComponentSpec spec, NoiseSchedule schedule, DiffusionObjective objective,
            SamplerParams params);

    /** {@code clip}: the x̂0 clipping bound, default 1.0, 0 disables. */
    static double readClip(ComponentSpec spec) {
        return spec.getDouble("clip", 1.0, 0.0, 1e6);
    }
}
