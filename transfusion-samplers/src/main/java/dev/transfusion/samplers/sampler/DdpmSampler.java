package dev.transfusion.samplers.sampler;

import dev.transfusion.diffusion.DiffusionObjective;
import dev.transfusion.diffusion.NoiseSchedule;
import java.util.Random;

/**
 * Ancestral DDPM sampling over a respaced subset of the trained timesteps (improved-DDPM respacing): for a step
 * from t to the next visited s (0 after the last), {@code β' = 1 − ᾱ_t/ᾱ_s} and the posterior
 * {@code q(x_s | x_t, x̂0)} has mean {@code √ᾱ_s·β'/(1−ᾱ_t)·x̂0 + √(1−β')·(1−ᾱ_s)/(1−ᾱ_t)·x_t} and variance
 * {@code β̃ = β'·(1−ᾱ_s)/(1−ᾱ_t)} (zero on the final step, which returns x̂0). x̂0 is clipped to
 * {@code [−clip, clip]} first (0 disables), which keeps a small model's high-t errors from blowing up.
 */
public final class DdpmSampler extends PosteriorSampler {
    /** A DDPM sampler for {@code objective} (DDPM family) over {@code schedule}. */
    public DdpmSampler(NoiseSchedule schedule, DiffusionObjective objective, SamplerParams params, double clip) {
        super("ddpm", schedule, objective, params, clip);
    }

    @Override
    float[] move(float[] xt, float[] x0, double abT, double abS, boolean last, Random rng) {
        double beta = 1.0 - abT / abS;
        double coefX0 = Math.sqrt(abS) * beta / (1.0 - abT);
        double coefXt = Math.sqrt(1.0 - beta) * (1.0 - abS) / (1.0 - abT);
        double variance = beta * (1.0 - abS) / (1.0 - abT);
        double std = last ? 0.0 : Math.sqrt(Math.max(variance, 0.0));
        return HostMath.combine(coefX0, x0, coefXt, xt, std, rng);
    }
}
