package dev.transfusion.diffusion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.transfusion.plugin.ComponentSpec;
import dev.transfusion.plugin.ConfigException;
import dev.transfusion.tensor.HostTensor;
import dev.transfusion.tensor.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SamplerContractTest {
    /** A toy sampler: each step adds the model output; the "x0 estimate" is the model output itself. */
    private static final class AddSampler implements Sampler {
        @Override
        public String name() {
            return "add";
        }

        @Override
        public Family family() {
            return Family.FLOW;
        }

        @Override
        public int[] timesteps() {
            return new int[] {30, 20, 10};
        }

        @Override
        public double guidance() {
            return 1.0;
        }

        @Override
        public StepOutput step(Denoiser model, int index, HostTensor sample, Random rng) {
            HostTensor out = model.predict(sample, timesteps()[index]);
            float[] x = sample.floats().clone();
            for (int i = 0; i < x.length; i++) {
                x[i] += out.floats()[i] + (float) rng.nextInt(2);
            }
            return new StepOutput(HostTensor.floats(sample.shape(), x), out);
        }
    }

    @Test
    void sampleRunsEveryStepInOrderAndReportsProgress() {
        HostTensor noise = HostTensor.floats(Shape.of(1, 2), new float[] {0f, 1f});
        List<String> calls = new ArrayList<>();
        Denoiser model = (xt, t) -> {
            calls.add("model t=" + t);
            return HostTensor.floats(xt.shape(), new float[] {t, -t});
        };
        StepListener listener = (i, total, t, est) -> calls.add("step " + i + "/" + total + " t=" + t + " est="
                + est.floats()[0]);
        HostTensor out = new AddSampler().sample(model, noise, 3, listener);
        assertThat(calls).containsExactly("model t=30", "step 0/3 t=30 est=30.0", "model t=20",
                "step 1/3 t=20 est=20.0", "model t=10", "step 2/3 t=10 est=10.0");
        Random r = new Random(3); // one seeded stream, two draws per step (one per element)
        int[] extra = new int[2];
        for (int k = 0; k < 6; k++) {
            extra[k % 2] += r.nextInt(2);
        }
        assertThat(out.floats()).containsExactly(60f + extra[0], 1f - 60f + extra[1]);
        assertThat(noise.floats()).containsExactly(0f, 1f); // the input is not modified
    }

    @Test
    void familyMismatchNamesSamplerAndObjective() {
        DiffusionObjective flow = new DiffusionObjective() {
            @Override
            public String name() {
                return "flow";
            }

            @Override
            public Family family() {
                return Family.FLOW;
            }

            @Override
            public int timesteps() {
                return 1000;
            }

            @Override
            public Coefficients coefficients(int t) {
                double s = t / 1000.0;
                return new Coefficients(1 - s, s, -1, 1);
            }
        };
        ComponentSpec spec = ComponentSpec.of("sampler", "ddpm", Map.of());
        assertThatThrownBy(() -> SamplerFactory.requireFamily(spec, Family.DDPM, flow))
                .isInstanceOf(ConfigException.class)
                .hasMessage("sampler.type 'ddpm' needs a DDPM objective (epsilon, v, x0) but diffusion.objective.type"
                        + " is 'flow'");
        SamplerFactory.requireFamily(spec, Family.FLOW, flow); // same family passes
        // the default methods go through the coefficients
        float[] xt = new float[1];
        flow.noisy(new float[] {2f}, new float[] {4f}, 250, xt);
        assertThat(xt[0]).isEqualTo(2.5f);
        assertThat(flow.interpret(new float[] {2f}, xt, 250).x0()[0]).isEqualTo(2f);
        assertThat(flow.modelTime(250)).isEqualTo(250.0);
    }

    @Test
    void scheduleDefaultsDeriveBetaAndCheckRange() {
        NoiseSchedule s = new NoiseSchedule() {
            @Override
            public String name() {
                return "halving";
            }

            @Override
            public int timesteps() {
                return 3;
            }

            @Override
            public double alphaBar(int t) {
                checkTimestep(t);
                return Math.pow(0.5, t);
            }
        };
        assertThat(s.beta(0)).isZero();
        assertThat(s.beta(2)).isEqualTo(0.5);
        assertThatThrownBy(() -> s.beta(4)).hasMessage("timestep 4 is outside [0, 3] of schedule 'halving'");
    }
}
