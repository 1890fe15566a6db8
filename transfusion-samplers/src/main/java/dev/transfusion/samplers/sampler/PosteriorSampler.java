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
 * The step shared by the DDPM-family samplers (DDPM, DDIM): from t to the next visited s (0 after the last), read
 * x̂0 through the objective, clip it to {@code [−clip, clip]} (0 disables), and let the subclass move x_t to x_s
 * from x̂0 and ᾱ at both ends.
 */
abstract class PosteriorSampler extends BaseSampler {
    private final NoiseSchedule schedule;
    private final double clip;

    PosteriorSampler(String name, NoiseSchedule schedule, DiffusionObjective objective, SamplerParams params,
                     double clip) {
        super(name, Family.DDPM, objective, params);
        this.schedule = Objects.requireNonNull(schedule, "schedule");
        if (!(clip >= 0) || Double.isInfinite(clip)) {
            throw new IllegalArgumentException("clip must be finite and >= 0, got " + clip);
        }
        this.clip = clip;
    }

    /** The x̂0 clipping bound (0 = off). */
    public final double clip() {
        return clip;
    }

    @Override
    public final StepOutput step(Denoiser model, int index, HostTensor sample, Random rng) {
        Objects.requireNonNull(rng, "rng");
        int t = timestepAt(index);
        int s = nextTimestep(index);
        Prediction p = predict(model, sample, t);
        float[] x0 = p.x0();
        HostMath.clip(x0, clip);
        float[] prev = move(sample.floats(), x0, schedule.alphaBar(t), schedule.alphaBar(s), s == 0, rng);
        return new StepOutput(HostTensor.floats(sample.shape(), prev), HostTensor.floats(sample.shape(), x0));
    }

    /**
     * x_s from {@code xt}, the clipped {@code x0}, {@code abT = ᾱ_t} and {@code abS = ᾱ_s}; {@code last} is the step
     * to s = 0, which adds no fresh noise.
     */
    abstract float[] move(float[] xt, float[] x0, double abT, double abS, boolean last, Random rng);
}
