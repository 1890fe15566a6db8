package dev.transfusion.samplers.sampler;

import dev.transfusion.diffusion.DiffusionObjective;
import dev.transfusion.diffusion.NoiseSchedule;
import java.util.Random;

/**
 * DDIM (Song et al.) from t to the next visited s (0 after the last): x̂0 is clipped to {@code [−clip, clip]}
 * (0 disables), ε̂ is recomputed from the clipped x̂0 as in improved-diffusion, and
 * {@code x_s = √ᾱ_s·x̂0 + √(1−ᾱ_s−σ²)·ε̂ + σ·z} with {@code σ = η·√((1−ᾱ_s)/(1−ᾱ_t))·√(1−ᾱ_t/ᾱ_s)};
 * η = 0 is deterministic, η = 1 matches DDPM's posterior variance.
 */
public final class DdimSampler extends PosteriorSampler {
    private final double eta;

    /** A DDIM sampler for {@code objective} (DDPM family) over {@code schedule}. */
    public DdimSampler(NoiseSchedule schedule, DiffusionObjective objective, SamplerParams params, double eta,
            double clip) {
        super("ddim", schedule, objective, params, clip);
        if (!(eta >= 0) || Double.isInfinite(eta)) {
            throw new IllegalArgumentException("eta must be finite and >= 0, got " + eta);
        }
        this.eta = eta;
    }

    /** The stochasticity η (0 = deterministic DDIM). */
    public double eta() {
        return eta;
    }

    @Override
    float[] move(float[] xt, float[] x0, double abT, double abS, boolean last, Random rng) {
        // ε̂ consistent with the (clipped) x̂0: x_t = √ᾱ_t·x̂0 + √(1−ᾱ_t)·ε̂
        float[] eps = HostMath.combine(1.0 / Math.sqrt(1.0 - abT), xt, -Math.sqrt(abT) / Math.sqrt(1.0 - abT), x0,
                0.0, rng);
        double sigma = eta * Math.sqrt((1.0 - abS) / (1.0 - abT)) * Math.sqrt(Math.max(1.0 - abT / abS, 0.0));
        double dir = Math.sqrt(Math.max(1.0 - abS - sigma * sigma, 0.0));
        return HostMath.combine(Math.sqrt(abS), x0, dir, eps, last ? 0.0 : sigma, rng);
    }
}
