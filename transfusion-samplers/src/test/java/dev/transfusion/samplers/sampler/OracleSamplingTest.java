package dev.transfusion.samplers.sampler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

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
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** A sampler driven by a denoiser that knows x0 must land on x0 from pure noise, for every spacing. */
class OracleSamplingTest {
    private static final Shape SHAPE = Shape.of(2, 4, 3); // (N, patches, channels)

    static Stream<Arguments> cases() {
        NoiseSchedule cosine = Schedules.cosine(1000, 0.008, 0.999);
        NoiseSchedule linear = Schedules.linear(1000, 1e-4, 0.02);
        List<Arguments> out = new ArrayList<>();
        for (Spacing spacing : Spacing.values()) {
            SamplerParams p = new SamplerParams(25, spacing, 3.0);
            for (NoiseSchedule s : List.of(cosine, linear)) {
                for (DiffusionObjective obj : List.of(new EpsilonObjective(s), new VObjective(s),
                        new X0Objective(s))) {
                    out.add(Arguments.of(new DdpmSampler(s, obj, p, 1.0), obj));
                    out.add(Arguments.of(new DdimSampler(s, obj, p, 0.0, 1.0), obj));
                    out.add(Arguments.of(new DdimSampler(s, obj, p, 1.0, 0.0), obj));
                }
            }
            DiffusionObjective flow = new FlowObjective(cosine);
            out.add(Arguments.of(new EulerSampler(flow, p), flow));
            out.add(Arguments.of(new HeunSampler(flow, p), flow));
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void oracleReturnsX0FromPureNoise(Sampler sampler, DiffusionObjective objective) {
        Random r = new Random(11);
        int n = Math.toIntExact(SHAPE.size());
        float[] x0 = new float[n];
        float[] noise = new float[n];
        for (int i = 0; i < n; i++) {
            x0[i] = (float) (1.8 * r.nextDouble() - 0.9); // inside the clip range, like a normalised latent
            noise[i] = (float) r.nextGaussian();
        }
        OracleDenoiser oracle = new OracleDenoiser(objective, x0);
        List<Integer> seen = new ArrayList<>();
        StepListener listener = (i, total, t, est) -> {
            assertThat(total).isEqualTo(25);
            assertThat(est.shape()).isEqualTo(SHAPE);
            seen.add(t);
        };
        HostTensor out = sampler.sample(oracle, HostTensor.floats(SHAPE, noise), 99, listener);
        assertThat(out.shape()).isEqualTo(SHAPE);
        for (int i = 0; i < n; i++) {
            assertThat((double) out.floats()[i]).as("element %d", i).isCloseTo(x0[i], within(1e-4));
        }
        assertThat(seen).containsExactlyElementsOf(Stream.of(sampler.timesteps()).flatMapToInt(java.util.Arrays::stream)
                .boxed().toList());
        assertThat(oracle.calls).isEqualTo(sampler.name().equals("heun") ? 2 * 25 - 1 : 25);
    }
}
