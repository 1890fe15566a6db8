package dev.transfusion.samplers.sampler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.transfusion.diffusion.DiffusionObjective;
import dev.transfusion.diffusion.DiffusionObjectiveFactory;
import dev.transfusion.diffusion.NoiseSchedule;
import dev.transfusion.diffusion.NoiseScheduleFactory;
import dev.transfusion.diffusion.Sampler;
import dev.transfusion.diffusion.StepOutput;
import dev.transfusion.plugin.ComponentSpec;
import dev.transfusion.plugin.ConfigException;
import dev.transfusion.plugin.PluginContext;
import dev.transfusion.samplers.objective.EpsilonObjective;
import dev.transfusion.samplers.objective.FlowObjective;
import dev.transfusion.samplers.schedule.Schedules;
import dev.transfusion.tensor.HostTensor;
import dev.transfusion.tensor.Shape;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SamplerFactoriesTest {
    private static final PluginContext CTX = PluginContext.of(1, Path.of("."));
    private static final NoiseSchedule COSINE = Schedules.cosine(1000, 0.008, 0.999);
    private static final DiffusionObjective EPS = new EpsilonObjective(COSINE);
    private static final DiffusionObjective FLOW = new FlowObjective(COSINE);

    /** The context core gives a sampler: the experiment's schedule and objective. */
    private static PluginContext over(NoiseSchedule schedule, DiffusionObjective objective) {
        return CTX.with(NoiseScheduleFactory.SCHEDULE, schedule).with(DiffusionObjectiveFactory.OBJECTIVE, objective);
    }

    private static ComponentSpec spec(String type, Map<String, Object> params) {
        return ComponentSpec.of("sampler", type, params);
    }

    @Test
    void defaults() {
        Sampler ddpm = new DdpmSamplerFactory().create(spec("ddpm", Map.of()), over(COSINE, EPS));
        assertThat(ddpm.timesteps()).hasSize(250).startsWith(1000, 996);
        assertThat(ddpm.guidance()).isEqualTo(3.0);
        assertThat(((DdpmSampler) ddpm).clip()).isEqualTo(1.0);
        DdimSampler ddim = (DdimSampler) new DdimSamplerFactory().create(spec("ddim", Map.of()), over(COSINE, EPS));
        assertThat(ddim.timesteps()).hasSize(50).startsWith(1000, 980);
        assertThat(ddim.eta()).isZero();
        assertThat(ddim.clip()).isEqualTo(1.0);
        assertThat(new EulerSamplerFactory().create(spec("euler", Map.of()), over(COSINE, FLOW)).timesteps())
                .hasSize(50);
        assertThat(new HeunSamplerFactory().create(spec("heun", Map.of()), over(COSINE, FLOW)).name())
                .isEqualTo("heun");
    }

    @Test
    void paramsAreRead() {
        DdimSampler s = (DdimSampler) new DdimSamplerFactory().create(spec("ddim",
                Map.of("steps", 4, "eta", 1.0, "clip", 0, "spacing", "leading", "cfg", 5.0)), over(COSINE, EPS));
        assertThat(s.timesteps()).containsExactly(751, 501, 251, 1);
        assertThat(s.eta()).isEqualTo(1.0);
        assertThat(s.clip()).isZero();
        assertThat(s.guidance()).isEqualTo(5.0);
    }

    @Test
    void guidanceIntervalIsInFractionsOfT() {
        Sampler everywhere = new DdpmSamplerFactory().create(spec("ddpm", Map.of()), over(COSINE, EPS));
        assertThat(everywhere.guidedAt(1000)).isTrue();
        assertThat(everywhere.guidedAt(1)).isTrue();
        Sampler limited = new DdpmSamplerFactory().create(spec("ddpm", Map.of("cfg_from", 0.1, "cfg_to", 0.6)), over(COSINE, EPS));
        assertThat(limited.guidedAt(1000)).isFalse();
        assertThat(limited.guidedAt(601)).isFalse();
        assertThat(limited.guidedAt(600)).isTrue();
        assertThat(limited.guidedAt(100)).isTrue();
        assertThat(limited.guidedAt(99)).isFalse();
        assertThatThrownBy(() -> new DdimSamplerFactory().create(spec("ddim", Map.of("cfg_from", 0.7, "cfg_to", 0.2)), over(COSINE, EPS))).isInstanceOf(ConfigException.class)
                .hasMessage("sampler.cfg_from: cfg_from (0.7) must not exceed cfg_to (0.2)");
        assertThatThrownBy(() -> new EulerSamplerFactory().create(spec("euler", Map.of("cfg_to", 1.5)), over(COSINE, FLOW))).isInstanceOf(ConfigException.class).hasMessageStartingWith("sampler.cfg_to:");
    }

    @Test
    void familyMismatchNamesBoth() {
        assertThatThrownBy(() -> new DdpmSamplerFactory().create(spec("ddpm", Map.of()), over(COSINE, FLOW)))
                .isInstanceOf(ConfigException.class)
                .hasMessage("sampler.type 'ddpm' needs a DDPM objective (epsilon, v, x0) but diffusion.objective.type"
                        + " is 'flow'");
        assertThatThrownBy(() -> new HeunSamplerFactory().create(spec("heun", Map.of()), over(COSINE, EPS)))
                .isInstanceOf(ConfigException.class)
                .hasMessage("sampler.type 'heun' needs a FLOW objective (flow) but diffusion.objective.type"
                        + " is 'epsilon'");
    }

    @Test
    void unknownKeysNameTheKnownOnes() {
        assertThatThrownBy(() -> new EulerSamplerFactory().create(spec("euler", Map.of("clip", 1.0)), over(COSINE, FLOW)))
                .isInstanceOf(ConfigException.class)
                .hasMessage("sampler.clip: unknown key for sampler type 'euler'; known keys: [cfg, cfg_from, cfg_to, spacing, "
                        + "steps]");
        assertThatThrownBy(() -> new DdpmSamplerFactory().create(spec("ddpm", Map.of("eta", 1.0)), over(COSINE, EPS)))
                .isInstanceOf(ConfigException.class)
                .hasMessage("sampler.eta: unknown key for sampler type 'ddpm'; known keys: [cfg, cfg_from, cfg_to,"
                        + " clip, spacing, steps]");
    }

    @Test
    void stepsBeyondTAreRejected() {
        assertThatThrownBy(() -> new DdpmSamplerFactory().create(spec("ddpm", Map.of("steps", 1001)), over(COSINE, EPS)))
                .isInstanceOf(ConfigException.class)
                .hasMessage("sampler.steps: expected an integer in [1, 1000] (the objective's T), got 1001");
        NoiseSchedule small = Schedules.linear(100, 1e-4, 0.02);
        assertThat(new DdpmSamplerFactory().create(spec("ddpm", Map.of()), over(small, new EpsilonObjective(small))).timesteps()).hasSize(100);
    }

    @Test
    void aContextWithoutTheObjectiveNamesTheMissingKeyAndWhatItHolds() {
        assertThatThrownBy(() -> new DdpmSamplerFactory().create(spec("ddpm", Map.of()),
                CTX.with(NoiseScheduleFactory.SCHEDULE, COSINE)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("the plugin context provides no diffusion.objective (DiffusionObjective); "
                        + "it provides [diffusion.schedule (NoiseSchedule)]");
    }

    @Test
    void clippingBoundsTheX0EstimateOfABadModel() {
        // a model that is badly wrong at t = T: ε̂ = 3·x_t amplifies into a huge x̂0 without clipping
        HostTensor x = HostTensor.floats(Shape.of(1, 4), new float[] {0.5f, -1.2f, 2.0f, 0.1f});
        Sampler clipped = new DdpmSamplerFactory().create(spec("ddpm", Map.of("steps", 10)), over(COSINE, EPS));
        Sampler raw = new DdpmSamplerFactory().create(spec("ddpm", Map.of("steps", 10, "clip", 0)), over(COSINE, EPS));
        StepOutput c = clipped.step((xt, t) -> scale(xt, 3), 0, x, new Random(1));
        StepOutput r = raw.step((xt, t) -> scale(xt, 3), 0, x, new Random(1));
        for (float v : c.predOriginal().floats()) {
            assertThat(v).isBetween(-1f, 1f);
        }
        // unclipped: x̂0 = (x − √(1−ᾱ)·3x)/√ᾱ at t = 1000, far outside [−1, 1]
        double ab = COSINE.alphaBar(1000);
        assertThat((double) r.predOriginal().floats()[0])
                .isCloseTo((0.5 - Math.sqrt(1 - ab) * 1.5) / Math.sqrt(ab), org.assertj.core.api.Assertions
                        .withinPercentage(1e-3));
    }

    private static HostTensor scale(HostTensor x, float k) {
        float[] out = x.floats().clone();
        for (int i = 0; i < out.length; i++) {
            out[i] *= k;
        }
        return HostTensor.floats(x.shape(), out);
    }
}
