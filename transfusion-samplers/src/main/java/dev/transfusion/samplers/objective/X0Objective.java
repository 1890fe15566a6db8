package dev.transfusion.samplers.objective;

import dev.transfusion.diffusion.Coefficients;
import dev.transfusion.diffusion.Family;
import dev.transfusion.diffusion.NoiseSchedule;

/**
 * x0-prediction: {@code x_t = √ᾱ·x0 + √(1−ᾱ)·ε}, target x0. At t = 0 the output carries no information about ε,
 * so {@code interpret} is only defined for t ≥ 1 (samplers never call the model at t = 0).
 */
public final class X0Objective extends ScheduledObjective {
    /** An x0 objective over {@code schedule}. */
    public X0Objective(NoiseSchedule schedule) {
        super("x0", Family.DDPM, schedule);
    }

    @Override
    Coefficients coefficientsAt(int t) {
        return new Coefficients(signal(t), noise(t), 1.0, 0.0);
    }
}
