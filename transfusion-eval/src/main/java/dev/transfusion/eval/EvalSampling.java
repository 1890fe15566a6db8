package dev.transfusion.eval;

import dev.transfusion.core.runtime.Experiment;
import dev.transfusion.diffusion.Sampler;

/** The sampler an evaluation uses: the configured one, or the same plugin rebuilt with another step count. */
public final class EvalSampling {
    private EvalSampling() {
    }

    /** The configured sampler when {@code steps} is 0, else {@code sampler} with {@code steps} set to it. */
    public static Sampler sampler(Experiment experiment, int steps) {
        if (steps == 0) {
            return experiment.sampler();
        }
        return experiment.sampler(experiment.config().sampler().with("steps", steps));
    }
}
