package dev.transfusion.samplers.sampler;

import dev.transfusion.diffusion.Denoiser;
import dev.transfusion.diffusion.DiffusionObjective;
import dev.transfusion.tensor.HostTensor;

/**
 * Heun's second-order method for the flow ODE: an Euler predictor to σ_s, then the average of the velocities at
 * both ends ({@code x_s = x_t + (σ_s − σ_t)·(v̂_t + v̂_s)/2}). The final step to σ = 0 is a plain Euler step
 * (Karras et al.), so the model is never called at t = 0; {@code 2·steps − 1} model calls in all. Deterministic.
 */
public final class HeunSampler extends FlowSampler {
    /** A Heun sampler for {@code objective} (FLOW family). */
    public HeunSampler(DiffusionObjective objective, SamplerParams params) {
        super("heun", objective, params);
    }

    @Override
    float[] refine(Denoiser model, HostTensor xt, int t, int s, float[] velocity, float[] euler) {
        if (s == 0) {
            return euler;
        }
        float[] v2 = predict(model, HostTensor.floats(xt.shape(), euler), s).velocity();
        float[] vMean = new float[velocity.length];
        for (int i = 0; i < vMean.length; i++) {
            vMean[i] = (float) (0.5 * ((double) velocity[i] + v2[i]));
        }
        return move(xt, t, s, vMean);
    }
}
