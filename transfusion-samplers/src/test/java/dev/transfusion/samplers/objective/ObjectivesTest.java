package dev.transfusion.samplers.objective;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.transfusion.diffusion.DiffusionObjective;
import dev.transfusion.diffusion.Family;
import dev.transfusion.diffusion.NoiseSchedule;
import dev.transfusion.diffusion.Prediction;
import dev.transfusion.samplers.schedule.Schedules;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class ObjectivesTest {
    private static final NoiseSchedule COSINE = Schedules.cosine(1000, 0.008, 0.999);
    private static final int N = 16;

    static Stream<Arguments> objectives() {
        return Stream.of(Arguments.of(new EpsilonObjective(COSINE)), Arguments.of(new VObjective(COSINE)),
                Arguments.of(new X0Objective(COSINE)), Arguments.of(new FlowObjective(COSINE)));
    }

    private static float[] gaussian(Random r) {
        float[] a = new float[N];
        for (int i = 0; i < N; i++) {
            a[i] = (float) r.nextGaussian();
        }
        return a;
    }

    /** x_t and the target written out per objective from the definitions, in double. */
    private static double[] closedForm(String name, double x0, double eps, int t) {
        double ab = COSINE.alphaBar(t);
        double a = Math.sqrt(ab);
        double b = Math.sqrt(1 - ab);
        double sigma = t / 1000.0;
        return switch (name) {
            case "epsilon" -> new double[] {a * x0 + b * eps, eps};
            case "v" -> new double[] {a * x0 + b * eps, a * eps - b * x0};
            case "x0" -> new double[] {a * x0 + b * eps, x0};
            case "flow" -> new double[] {(1 - sigma) * x0 + sigma * eps, eps - x0};
            default -> throw new AssertionError(name);
        };
    }

    @ParameterizedTest
    @MethodSource("objectives")
    void noisyAndTargetMatchTheDefinitions(DiffusionObjective obj) {
        Random r = new Random(3);
        float[] x0 = gaussian(r);
        float[] eps = gaussian(r);
        for (int t : new int[] {0, 1, 37, 500, 999, 1000}) {
            float[] xt = new float[N];
            float[] target = new float[N];
            obj.noisy(x0, eps, t, xt);
            obj.target(x0, eps, t, target);
            for (int i = 0; i < N; i++) {
                double[] expected = closedForm(obj.name(), x0[i], eps[i], t);
                assertThat((double) xt[i]).as("x_t at t=%d", t).isCloseTo(expected[0], within(1e-6));
                assertThat((double) target[i]).as("target at t=%d", t).isCloseTo(expected[1], within(1e-6));
            }
        }
    }

    @ParameterizedTest
    @MethodSource("objectives")
    void interpretOfTargetRecoversX0AndEps(DiffusionObjective obj) {
        Random r = new Random(5);
        float[] x0 = gaussian(r);
        float[] eps = gaussian(r);
        for (int t : new int[] {1, 2, 100, 500, 900, 999}) {
            float[] xt = new float[N];
            float[] target = new float[N];
            obj.noisy(x0, eps, t, xt);
            obj.target(x0, eps, t, target);
            Prediction p = obj.interpret(target, xt, t);
            // float32 inputs: the inversion divides by √ᾱ or √(1−ᾱ), so allow for the amplified rounding
            double ab = COSINE.alphaBar(t);
            double tol = 2e-6 / Math.min(Math.sqrt(ab), Math.sqrt(1 - ab));
            for (int i = 0; i < N; i++) {
                assertThat((double) p.x0()[i]).as("x0 at t=%d", t).isCloseTo(x0[i], within(tol));
                assertThat((double) p.eps()[i]).as("eps at t=%d", t).isCloseTo(eps[i], within(tol));
            }
        }
    }

    @ParameterizedTest
    @MethodSource("objectives")
    void sharedTimeEmbeddingAndMetadata(DiffusionObjective obj) {
        assertThat(obj.modelTime(0)).isEqualTo(0.0);
        assertThat(obj.modelTime(731)).isEqualTo(731.0);
        assertThat(obj.timesteps()).isEqualTo(1000);
        assertThat(obj.family()).isEqualTo(obj.name().equals("flow") ? Family.FLOW : Family.DDPM);
    }

    @Test
    void flowUsesSigmaEqualsTOverT() {
        FlowObjective flow = new FlowObjective(Schedules.linear(200, 1e-4, 0.02));
        assertThat(flow.sigma(50)).isEqualTo(0.25);
        assertThat(flow.coefficients(200).signal()).isZero();
        assertThat(flow.coefficients(0).noise()).isZero();
    }

    @Test
    void x0PredictionCannotBeInterpretedAtTZero() {
        X0Objective obj = new X0Objective(COSINE);
        assertThatThrownBy(() -> obj.interpret(new float[1], new float[1], 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("singular");
        assertThatThrownBy(() -> obj.coefficients(1001)).hasMessageContaining("timestep 1001 is outside [0, 1000]");
    }
}
