package dev.transfusion.eval;

import dev.transfusion.core.runtime.Experiment;
import dev.transfusion.core.runtime.PluginKinds;
import dev.transfusion.diffusion.NoiseSchedule;
import dev.transfusion.diffusion.Sampler;
import dev.transfusion.plugin.ComponentSpec;
import dev.transfusion.plugin.PluginContext;
import java.nio.file.Path;

/** The sampler an evaluation uses: the configured one, or the same plugin rebuilt with another step count. */
public final class EvalSampling {
    private EvalSampling() {
    }

    /** The configured sampler when {@code steps} is 0, else {@code sampler} with {@code steps} set to it. */
    public static Sampler sampler(Experiment experiment, int steps) {
        if (steps == 0) {
            return experiment.sampler();
        }
        var config = experiment.config();
        ComponentSpec spec = config.sampler().with("steps", steps);
        PluginContext context = PluginContext.of(config.seed(), Path.of("."));
        NoiseSchedule schedule = experiment.registry().create(PluginKinds.NOISE_SCHEDULE, config.diffusion().schedule(),
                context);
        return experiment.registry().factory(PluginKinds.SAMPLER, spec).create(spec, context, schedule,
                experiment.objective());
    }
}
