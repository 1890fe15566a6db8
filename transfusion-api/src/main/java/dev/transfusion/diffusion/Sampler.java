package dev.transfusion.diffusion;

import dev.transfusion.tensor.HostTensor;
import java.util.Objects;
import java.util.Random;

/**
 * Turns pure noise into a sample by walking a descending list of timesteps with a {@link Denoiser}
 * (diffusers' scheduler: a fixed timestep list and a {@code step} primitive). Runs on the host, so it is the same on
 * every backend.
 */
public interface Sampler {
    /** The plugin name, e.g. {@code ddpm}. */
    String name();

    /** The objective family this sampler integrates. */
    Family family();

    /** The descending timesteps visited, one model call each (a copy); after the last, the sample is at t = 0. */
    int[] timesteps();

    /** The classifier-free guidance scale the generator should apply (1 = no guidance). */
    double guidance();

    /**
     * Whether the generator applies guidance at timestep {@code t} (outside the interval it uses the conditional
     * prediction alone). Default: everywhere.
     */
    default boolean guidedAt(int t) {
        return true;
    }

    /**
     * One step from {@code timesteps()[index]} to the next visited timestep (or 0 after the last), calling
     * {@code model} as often as the method needs; {@code rng} supplies any fresh noise.
     */
    StepOutput step(Denoiser model, int index, HostTensor sample, Random rng);

    /** Runs every step from {@code initialNoise (N, ...)} with noise drawn from {@code seed}; returns x0. */
    default HostTensor sample(Denoiser model, HostTensor initialNoise, long seed, StepListener listener) {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(listener, "listener");
        Random rng = new Random(seed);
        int[] ts = timesteps();
        HostTensor x = Objects.requireNonNull(initialNoise, "initialNoise").copy();
        for (int i = 0; i < ts.length; i++) {
            StepOutput out = step(model, i, x, rng);
            listener.onStep(i, ts.length, ts[i], out.predOriginal());
            x = out.prevSample();
        }
        return x;
    }
}
