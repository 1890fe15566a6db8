package dev.transfusion.samplers.sampler;

import dev.transfusion.diffusion.Denoiser;
import dev.transfusion.diffusion.DiffusionObjective;
import dev.transfusion.diffusion.Family;
import dev.transfusion.diffusion.Prediction;
import dev.transfusion.diffusion.StepOutput;
import dev.transfusion.tensor.HostTensor;
import java.util.Random;

/**
 * Euler integration of the flow ODE {@code dx/dσ = v(x, σ)} from σ = t/T of the first visited step down to 0:
 * {@code x_s = x_t + (σ_s − σ_t)·v̂} with {@code v̂ = ε̂ − x̂0} read through the objective. Deterministic.
 */
public final class EulerSampler extends BaseSampler {
    /** An Euler sampler for {@code objective} (FLOW family). */
    public EulerSampler(DiffusionObjective objective, SamplerParams params) {
        super("euler", Family.FLOW, objective, params);
    }

    @Override
    public StepOutput step(Denoiser model, int index, HostTensor sample, Random rng) {
        int t = timestepAt(index);
        int s = nextTimestep(index);
        Prediction p = predict(model, sample, t);
        double dSigma = (double) (s - t) / objective().timesteps();
        float[] prev = HostMath.combine(1.0, sample.floats(), dSigma, p.velocity(), 0.0, null);
        return new StepOutput(HostTensor.floats(sample.shape(), prev), HostTensor.floats(sample.shape(), p.x0()));
    }
}
