package dev.transfusion.samplers.sampler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.transfusion.diffusion.Denoiser;
import dev.transfusion.diffusion.DiffusionObjective;
import dev.transfusion.diffusion.NoiseSchedule;
import dev.transfusion.diffusion.Sampler;
import dev.transfusion.diffusion.StepListener;
import dev.transfusion.samplers.objective.EpsilonObjective;
import dev.transfusion.samplers.objective.FlowObjective;
import dev.transfusion.samplers.objective.VObjective;
import dev.transfusion.samplers.objective.X0Objective;
import dev.transfusion.samplers.schedule.Schedules;
import dev.transfusion.tensor.HostTensor;
import dev.transfusion.tensor.Shape;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * diffusers-style full loops: a fixed toy denoiser, fixed initial noise and sampler seed give fixed numbers. The
 * expected values come from an independent numpy re-implementation (improved-diffusion respacing, java.util.Random
 * re-implemented for the step noise), not from this code: {@code src/test/python/pinned_loops_reference.py}.
 */
class PinnedLoopTest {
    private static final int T = 1000;
    private static final Shape SHAPE = Shape.of(2, 3);
    private static final NoiseSchedule COSINE = Schedules.cosine(T, 0.008, 0.999);
    private static final NoiseSchedule LINEAR = Schedules.linear(T, 1e-4, 0.02);

    /** out_i = 0.5·x_i + 0.1·sin(0.01·t + i): depends on both the sample and the timestep. */
    private static final Denoiser TOY = (xt, t) -> {
        float[] x = xt.floats();
        float[] out = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = (float) (0.5 * x[i] + 0.1 * Math.sin(0.01 * t + i));
        }
        return HostTensor.floats(xt.shape(), out);
    };

    private static HostTensor initialNoise() {
        Random r = new Random(7);
        float[] n = new float[6];
        for (int i = 0; i < n.length; i++) {
            n[i] = (float) r.nextGaussian();
        }
        return HostTensor.floats(SHAPE, n);
    }

    private static void assertLoop(Sampler sampler, float... expected) {
        HostTensor out = sampler.sample(TOY, initialNoise(), 42, StepListener.NONE);
        for (int i = 0; i < expected.length; i++) {
            assertThat(out.floats()[i]).as("element %d", i).isCloseTo(expected[i], within(2e-6f));
        }
    }

    @Test
    void initialNoiseIsJavaRandomGaussian() {
        assertThat(initialNoise().floats()).containsExactly(0.84520608f, 0.91287619f, -0.28707865f, 0.75185943f,
                1.33547366f, -0.94997895f);
    }

    @Test
    void ddpmEpsilonCosineTrailing() {
        DiffusionObjective obj = new EpsilonObjective(COSINE);
        DdpmSampler s = new DdpmSampler(COSINE, obj, new SamplerParams(10, Spacing.TRAILING, 3), 1.0);
        assertThat(s.timesteps()).containsExactly(1000, 900, 800, 700, 600, 500, 400, 300, 200, 100);
        assertLoop(s, 0.5592511f, -0.8121763f, -0.1644944f, 0.1307925f, -0.4768895f, -0.2218676f);
    }

    @Test
    void ddimVCosineTrailingEtaHalf() {
        DiffusionObjective obj = new VObjective(COSINE);
        assertLoop(new DdimSampler(COSINE, obj, new SamplerParams(10, Spacing.TRAILING, 3), 0.5, 1.0),
                0.3891369f, -0.0785994f, -0.0890507f, 0.0880612f, -0.0411342f, -0.3253061f);
    }

    @Test
    void ddpmX0LinearLinspace() {
        DiffusionObjective obj = new X0Objective(LINEAR);
        DdpmSampler s = new DdpmSampler(LINEAR, obj, new SamplerParams(10, Spacing.LINSPACE, 3), 1.0);
        assertThat(s.timesteps()).containsExactly(1000, 889, 778, 667, 556, 445, 334, 223, 112, 1);
        assertLoop(s, 0.0826382f, 0.0579860f, 0.0992848f, -0.0767416f, -0.4025382f, -0.2351497f);
    }

    @Test
    void ddimEpsilonCosineLeadingUnclipped() {
        DiffusionObjective obj = new EpsilonObjective(COSINE);
        DdimSampler s = new DdimSampler(COSINE, obj, new SamplerParams(10, Spacing.LEADING, 3), 0.0, 0.0);
        assertThat(s.timesteps()).containsExactly(901, 801, 701, 601, 501, 401, 301, 201, 101, 1);
        assertLoop(s, 1.5465506f, 1.8222029f, -0.4237844f, 1.6220540f, 2.6427484f, -2.0091181f);
    }

    @Test
    void eulerFlow() {
        DiffusionObjective obj = new FlowObjective(COSINE);
        assertLoop(new EulerSampler(obj, new SamplerParams(10, Spacing.TRAILING, 3)),
                0.4931467f, 0.5481439f, -0.1572774f, 0.4643794f, 0.8003493f, -0.5821885f);
    }

    @Test
    void heunFlow() {
        DiffusionObjective obj = new FlowObjective(COSINE);
        assertLoop(new HeunSampler(obj, new SamplerParams(10, Spacing.TRAILING, 3)),
                0.4937310f, 0.5468158f, -0.1623500f, 0.4743032f, 0.8178272f, -0.5849237f);
    }

    @Test
    void sameSeedSameResultOtherSeedOtherResult() {
        DiffusionObjective obj = new EpsilonObjective(COSINE);
        DdpmSampler s = new DdpmSampler(COSINE, obj, new SamplerParams(10, Spacing.TRAILING, 3), 1.0);
        HostTensor a = s.sample(TOY, initialNoise(), 5, StepListener.NONE);
        HostTensor b = s.sample(TOY, initialNoise(), 5, StepListener.NONE);
        HostTensor c = s.sample(TOY, initialNoise(), 6, StepListener.NONE);
        assertThat(a).isEqualTo(b);
        assertThat(a).isNotEqualTo(c);
    }
}
