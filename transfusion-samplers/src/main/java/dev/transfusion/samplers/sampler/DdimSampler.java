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
 * DDIM (Song et al.) from t to the next visited s (0 after the last): x̂0 is clipped to {@code [−clip, clip]}
 * (0 disables), ε̂ is recomputed from the clipped x̂0 as in improved-diffusion, and
 * {@code x_s = √ᾱ_s·x̂0 + √(1−ᾱ_s−σ²)·ε̂ + σ·z} with {@code σ = η·√((1−ᾱ_s)/(1−ᾱ_t))·√(1−ᾱ_t/ᾱ_s)};
 * η = 0 is deterministic, η = 1 matches DDPM's posterior variance.
 */
public final class DdimSampler extends BaseSampler {
    private final NoiseSchedule schedule;
    private final double eta;
    private final double clip;

    /** A DDIM sampler for {@code objective} (DDPM family) over {@code schedule}. */
    public DdimSampler(NoiseSchedule schedule, DiffusionObjective objective, SamplerParams params, double eta,
            double clip) {
        super("ddim", Family.DDPM, objective, params);
        this.schedule = Objects.requireNonNull(schedule, "schedule");
        if (!(eta >= 0) || Double.isInfinite(eta)) {
            throw new IllegalArgumentException("eta must be finite and >= 0, got " + eta);
        }
        if (!(clip >= 0) || Double.isInfinite(clip)) {
            throw new IllegalArgumentException("clip must be finite and >= 0, got " + clip);
        }
        this.eta = eta;
        this.clip = clip;
    }

    /** The stochasticity η (0 = deterministic DDIM). */
    public double eta() {
        return eta;
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
        // ε̂ consistent with the (clipped) x̂0: x_t = √ᾱ_t·x̂0 + √(1−ᾱ_t)·ε̂
        float[] eps = HostMath.combine(1.0 / Math.sqrt(1.0 - abT), sample.floats(),
                -Math.sqrt(abT) / Math.sqrt(1.0 - abT), x0, 0.0, rng);
        double sigma = eta * Math.sqrt((1.0 - abS) / (1.0 - abT)) * Math.sqrt(Math.max(1.0 - abT / abS, 0.0));
        double dir = Math.sqrt(Math.max(1.0 - abS - sigma * sigma, 0.0));
        float[] prev = HostMath.combine(Math.sqrt(abS), x0, dir, eps, s == 0 ? 0.0 : sigma, rng);
        return new StepOutput(HostTensor.floats(sample.shape(), prev), HostTensor.floats(sample.shape(), x0));
    }
}
