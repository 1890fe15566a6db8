package dev.transfusion.samplers.objective;

import dev.transfusion.diffusion.Coefficients;
import dev.transfusion.diffusion.Family;
import dev.transfusion.diffusion.NoiseSchedule;

/** ε-prediction (DDPM, the paper's objective): {@code x_t = √ᾱ·x0 + √(1−ᾱ)·ε}, target ε. */
public final class EpsilonObjective extends ScheduledObjective {
    /** An ε objective over {@code schedule}. */
    public EpsilonObjective(NoiseSchedule schedule) {
        super("epsilon", Family.DDPM, schedule);
    }

    @Override
    Coefficients coefficientsAt(int t) {
        return new Coefficients(signal(t), noise(t), 0.0, 1.0);
    }
}
