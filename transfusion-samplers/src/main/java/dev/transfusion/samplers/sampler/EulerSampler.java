package dev.transfusion.samplers.sampler;

import dev.transfusion.diffusion.Denoiser;
import dev.transfusion.diffusion.DiffusionObjective;
import dev.transfusion.tensor.HostTensor;

/**
 * Euler integration of the flow ODE {@code dx/dσ = v(x, σ)} from σ = t/T of the first visited step down to 0:
 * {@code x_s = x_t + (σ_s − σ_t)·v̂} with {@code v̂ = ε̂ − x̂0} read through the objective. Deterministic.
 */
public final class EulerSampler extends FlowSampler {
    /** An Euler sampler for {@code objective} (FLOW family). */
    public EulerSampler(DiffusionObjective objective, SamplerParams params) {
        super("euler", objective, params);
    }

    @Override
    float[] refine(Denoiser model, HostTensor xt, int t, int s, float[] velocity, float[] euler) {
        return euler;
    }
}
