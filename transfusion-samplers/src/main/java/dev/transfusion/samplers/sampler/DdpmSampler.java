package dev.transfusion.samplers.sampler;

import dev.transfusion.diffusion.Denoiser;
import dev.transfusion.diffusion.DiffusionObjective;
import dev.transfusion.diffusion.Family;
import dev.transfusion.diffusion.NoiseSchedule;
import dev.transfusion.diffusion.Prediction;
import dev.transfusion.diffusion.StepOutput;
import dev.transfusion.tensor.HostTensor;
import java.util.Objects;
import java.util.Random;

/**
 * Ancestral DDPM sampling over a respaced subset of the trained timesteps (improved-DDPM respacing): for a step
 * from t to the next visited s (0 after the last), {@code β' = 1 − ᾱ_t/ᾱ_s} and the posterior
 * {@code q(x_s | x_t, x̂0)} has mean {@code √ᾱ_s·β'/(1−ᾱ_t)·x̂0 + √(1−β')·(1−ᾱ_s)/(1−ᾱ_t)·x_t} and variance
 * {@code β̃ = β'·(1−ᾱ_s)/(1−ᾱ_t)} (zero on the final step, which returns x̂0). x̂0 is clipped to
 * {@code [−clip, clip]} first (0 disables), which keeps a small model's high-t errors from blowing up.
 */
public final class DdpmSampler extends BaseSampler {
    private final NoiseSchedule schedule;
    private final double clip;

    /** A DDPM sampler for {@code objective} (DDPM family) over {@code schedule}. */
    public DdpmSampler(NoiseSchedule schedule, DiffusionObjective objective, SamplerParams params, double clip) {
        super("ddpm", Family.DDPM, objective, params);
        this.schedule = Objects.requireNonNull(schedule, "schedule");
        if (!(clip >= 0) || Double.isInfinite(clip)) {
            throw new IllegalArgumentException("clip must be finite and >= 0, got " + clip);
        }
        this.clip = clip;
    }

    /** The x̂0 clipping bound (0 = off). */
    public double clip() {
        return clip;
    }

    @Override
    public StepOutput step(Denoiser model, int index, HostTensor sample, Random rng) {
        Objects.requireNonNull(rng, "rng");
        int t = timestepAt(index);
        int s = nextTimestep(index);
        Prediction p = predict(model, sample, t);
        float[] x0 = p.x0();
        HostMath.clip(x0, clip);
        double abT = schedule.alphaBar(t);
        double abS = schedule.alphaBar(s);
        double beta = 1.0 - abT / abS;
        double coefX0 = Math.sqrt(abS) * beta / (1.0 - abT);
        double coefXt = Math.sqrt(1.0 - beta) * (1.0 - abS) / (1.0 - abT);
        double variance = beta * (1.0 - abS) / (1.0 - abT);
        double std = s == 0 ? 0.0 : Math.sqrt(Math.max(variance, 0.0));
        float[] prev = HostMath.combine(coefX0, x0, coefXt, sample.floats(), std, rng);
        return new StepOutput(HostTensor.floats(sample.shape(), prev), HostTensor.floats(sample.shape(), x0));
    }
}
