package dev.transfusion.samplers.objective;

import dev.transfusion.diffusion.Coefficients;
import dev.transfusion.diffusion.Family;
import dev.transfusion.diffusion.NoiseSchedule;

/** v-prediction (Salimans &amp; Ho): {@code x_t = √ᾱ·x0 + √(1−ᾱ)·ε}, target {@code v = √ᾱ·ε − √(1−ᾱ)·x0}. */
public final class VObjective extends ScheduledObjective {
    /** A v objective over {@code schedule}. */
    public VObjective(NoiseSchedule schedule) {
        super("v", Family.DDPM, schedule);
    }

    @Override
    Coefficients coefficientsAt(int t) {
        double a = signal(t);
        double b = noise(t);
        return new Coefficients(a, b, -b, a);
    }
}
