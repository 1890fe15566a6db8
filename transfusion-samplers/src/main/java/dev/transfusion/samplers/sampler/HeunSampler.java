package dev.transfusion.samplers.sampler;

import dev.transfusion.diffusion.Denoiser;
import dev.transfusion.diffusion.DiffusionObjective;
import dev.transfusion.diffusion.Family;
import dev.transfusion.diffusion.Prediction;
import dev.transfusion.diffusion.StepOutput;
import dev.transfusion.tensor.HostTensor;
import java.util.Random;

/**
 * Heun's second-order method for the flow ODE: an Euler predictor to σ_s, then the average of the velocities at
 * both ends ({@code x_s = x_t + (σ_s − σ_t)·(v̂_t + v̂_s)/2}). The final step to σ = 0 is a plain Euler step
 * (Karras et al.), so the model is never called at t = 0; {@code 2·steps − 1} model calls in all. Deterministic.
 */
public final class HeunSampler extends BaseSampler {
    /** A Heun sampler for {@code objective} (FLOW family). */
    public HeunSampler(DiffusionObjective objective, SamplerParams params) {
        super("heun", Family.FLOW, objective, params);
    }

    @Override
    public StepOutput step(Denoiser model, int index, HostTensor sample, Random rng) {
        int t = timestepAt(index);
        int s = nextTimestep(index);
        Prediction first = predict(model, sample, t);
        float[] v1 = first.velocity();
        double dSigma = (double) (s - t) / objective().timesteps();
        float[] euler = HostMath.combine(1.0, sample.floats(), dSigma, v1, 0.0, null);
        HostTensor x0 = HostTensor.floats(sample.shape(), first.x0());
        if (s == 0) {
            return new StepOutput(HostTensor.floats(sample.shape(), euler), x0);
        }
        Prediction second = predict(model, HostTensor.floats(sample.shape(), euler), s);
        float[] v2 = second.velocity();
        float[] vMean = new float[v1.length];
        for (int i = 0; i < vMean.length; i++) {
            vMean[i] = (float) (0.5 * ((double) v1[i] + v2[i]));
        }
        float[] prev = HostMath.combine(1.0, sample.floats(), dSigma, vMean, 0.0, null);
        return new StepOutput(HostTensor.floats(sample.shape(), prev), x0);
    }
}
