package dev.transfusion.samplers.sampler;

import dev.transfusion.diffusion.Denoiser;
import dev.transfusion.diffusion.DiffusionObjective;
import dev.transfusion.diffusion.Family;
import dev.transfusion.diffusion.Prediction;
import dev.transfusion.diffusion.StepOutput;
import dev.transfusion.tensor.HostTensor;
import java.util.Random;

/**
 * The step shared by the flow ODE samplers (Euler, Heun): from σ_t = t/T to the next visited σ_s (0 after the
 * last), read {@code v̂ = ε̂ − x̂0} at x_t through the objective, take the Euler move
 * {@code x_t + (σ_s − σ_t)·v̂}, and let the subclass refine it. Deterministic.
 */
abstract class FlowSampler extends BaseSampler {
    FlowSampler(String name, DiffusionObjective objective, SamplerParams params) {
        super(name, Family.FLOW, objective, params);
    }

    @Override
    public final StepOutput step(Denoiser model, int index, HostTensor sample, Random rng) {
        int t = timestepAt(index);
        int s = nextTimestep(index);
        Prediction p = predict(model, sample, t);
        float[] velocity = p.velocity();
        float[] euler = move(sample, t, s, velocity);
        float[] prev = refine(model, sample, t, s, velocity, euler);
        return new StepOutput(HostTensor.floats(sample.shape(), prev), HostTensor.floats(sample.shape(), p.x0()));
    }

    /** {@code x_t + (σ_s − σ_t)·velocity}. */
    final float[] move(HostTensor xt, int t, int s, float[] velocity) {
        double dSigma = (double) (s - t) / objective().timesteps();
        return HostMath.combine(1.0, xt.floats(), dSigma, velocity, 0.0, null);
    }

    /**
     * x_s from the Euler move {@code euler} of {@code xt} along {@code velocity} (v̂ at t); may call {@code model}
     * again.
     */
    abstract float[] refine(Denoiser model, HostTensor xt, int t, int s, float[] velocity, float[] euler);
}
