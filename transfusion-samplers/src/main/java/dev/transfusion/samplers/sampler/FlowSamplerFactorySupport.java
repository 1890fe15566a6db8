package dev.transfusion.samplers.sampler;

import dev.transfusion.diffusion.DiffusionObjective;
import dev.transfusion.diffusion.Family;
import dev.transfusion.diffusion.NoiseSchedule;
import dev.transfusion.diffusion.Sampler;
import dev.transfusion.plugin.ComponentSpec;
import java.util.List;
import java.util.Objects;
import java.util.function.BiFunction;

/**
 * Shared part of the flow ODE sampler factories (Euler, Heun): FLOW family, 50 steps by default, no params beyond
 * the common ones; a subclass names its sampler and how to build it.
 */
abstract class FlowSamplerFactorySupport extends SamplerFactorySupport {
    private final String name;
    private final String title;
    private final BiFunction<DiffusionObjective, SamplerParams, Sampler> sampler;

    /** {@code title} starts the description; {@code sampler} builds the sampler from the objective and params. */
    FlowSamplerFactorySupport(String name, String title,
            BiFunction<DiffusionObjective, SamplerParams, Sampler> sampler) {
        this.name = Objects.requireNonNull(name, "name");
        this.title = Objects.requireNonNull(title, "title");
        this.sampler = Objects.requireNonNull(sampler, "sampler");
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final String description() {
        return title + "; params steps=50, spacing=trailing, cfg=3.0, cfg_from=0, cfg_to=1";
    }

    @Override
    public final Family family() {
        return Family.FLOW;
    }

    @Override
    final int defaultSteps() {
        return 50;
    }

    @Override
    final List<String> extraKeys() {
        return List.of();
    }

    @Override
    final Sampler build(ComponentSpec spec, NoiseSchedule schedule, DiffusionObjective objective,
            SamplerParams params) {
        return sampler.apply(objective, params);
    }
}
