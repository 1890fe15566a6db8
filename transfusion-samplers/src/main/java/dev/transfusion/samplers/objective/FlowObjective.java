package dev.transfusion.samplers.objective;

import dev.transfusion.diffusion.Coefficients;
import dev.transfusion.diffusion.Family;
import dev.transfusion.diffusion.NoiseSchedule;

/**
 * Rectified-flow matching: {@code x_t = (1 − σ)·x0 + σ·ε} with {@code σ = t/T}, target the velocity
 * {@code ε − x0}. Uses the schedule only for T.
 */
public final class FlowObjective extends ScheduledObjective {
    /** A flow objective with T taken from {@code schedule}. */
    public FlowObjective(NoiseSchedule schedule) {
        super("flow", Family.FLOW, schedule);
    }

    /** σ(t) = t/T, the noise fraction at timestep t. */
    public double sigma(int t) {
        schedule().checkTimestep(t);
        return (double) t / timesteps();
    }

    @Override
    Coefficients coefficientsAt(int t) {
        double sigma = (double) t / timesteps();
        return new Coefficients(1.0 - sigma, sigma, -1.0, 1.0);
    }
}
