package dev.transfusion.backend.tf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.transfusion.backend.AdamW;
import dev.transfusion.backend.Backend;
import dev.transfusion.backend.ParameterStore;
import dev.transfusion.backend.StepResult;
import dev.transfusion.backend.TensorFunction;
import dev.transfusion.backend.TrainStep;
import dev.transfusion.param.Init;
import dev.transfusion.param.ParamInitializer;
import dev.transfusion.param.ParamSpec;
import dev.transfusion.tensor.HostTensor;
import dev.transfusion.tensor.Shape;
import dev.transfusion.tensor.Tensor;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The traced training step: it learns, it matches a plain-Java AdamW, and it skips non-finite steps. */
class TfTrainStepTest {
    private static Backend backend;

    @BeforeAll
    static void open() {
        backend = TfTesting.backend();
    }

    @AfterAll
    static void close() {
        backend.close();
    }

    @Test
    void mlpOverfitsAFixedBatch() {
        List<ParamSpec> specs = List.of(new ParamSpec("fc1.weight", Shape.of(16, 4), new Init.Normal(0.5), true),
                new ParamSpec("fc1.bias", Shape.of(16), Init.zeros(), false),
                new ParamSpec("fc2.weight", Shape.of(3, 16), new Init.Normal(0.25), true),
                new ParamSpec("fc2.bias", Shape.of(3), Init.zeros(), false));
        TensorFunction lossFn = (env, in) -> {
            var nn = env.ops().nn();
            Tensor h = nn.gelu(nn.linear(in.get("x"), env.param("fc1.weight"), env.param("fc1.bias")));
            Tensor logits = nn.linear(h, env.param("fc2.weight"), env.param("fc2.bias"));
            Tensor ce = env.ops().math().mean(nn.crossEntropy(logits, in.get("y")), false);
            return Map.of("loss", ce, "logits", logits);
        };
        Map<String, HostTensor> batch = Map.of("x", TfTesting.rand(1, -1, 1, 8, 4),
                "y", HostTensor.ints(Shape.of(8), new int[] {0, 1, 2, 0, 1, 2, 1, 0}));
        try (ParameterStore ps = backend.createParameters(specs, ParamInitializer.initialize(specs, 3));
                TrainStep step = backend.compileTrainStep(lossFn, ps, new AdamW(0.9, 0.95, 1e-8, 0.0, 1.0))) {
            double first = step.run(batch, 0.03).loss();
            StepResult last = null;
            for (int i = 0; i < 150; i++) {
                last = step.run(batch, 0.03);
            }
            assertThat(last.loss()).isLessThan(first / 20);
            assertThat(last.metrics()).containsOnlyKeys("loss");
            assertThat(last.skipped()).isFalse();
            assertThat(step.updates()).isEqualTo(151);
        }
    }

    @Test
    void adamWMatchesPlainJavaWithClippingAndSelectiveDecay() {
        AdamW opt = new AdamW(0.9, 0.95, 1e-8, 0.1, 1.0);
        float[] x = {1f, 2f, -1f, 0.5f, 0f, 1f, 2f, -2f}; // (4,2)
        float[] y = {1f, 0f, -1f, 0.5f, 2f, 0f, 1f, 1f, -1f, 0f, 0f, 3f}; // (4,3)
        float[] w0 = {0.1f, -0.2f, 0.3f, 0.4f, 0.0f, -0.5f}; // (2,3)
        float[] b0 = {0.05f, -0.05f, 0.2f};
        List<ParamSpec> specs = List.of(new ParamSpec("w", Shape.of(2, 3), Init.zeros(), true),
                new ParamSpec("b", Shape.of(3), Init.zeros(), false));
        TensorFunction lossFn = (env, in) -> {
            var m = env.ops().math();
            Tensor r = m.sub(m.add(m.matmul(in.get("x"), env.param("w")), env.param("b")), in.get("y"));
            return Map.of("loss", m.mul(m.sum(m.square(r), false), 0.5), "rss", m.sum(m.square(r), false));
        };
        Map<String, HostTensor> batch = Map.of("x", HostTensor.floats(Shape.of(4, 2), x),
                "y", HostTensor.floats(Shape.of(4, 3), y));
        RefAdamW ref = new RefAdamW(opt, w0, b0);
        try (ParameterStore ps = backend.createParameters(specs, Map.of("w", HostTensor.floats(Shape.of(2, 3),
                w0.clone()), "b", HostTensor.floats(Shape.of(3), b0.clone())));
                TrainStep step = backend.compileTrainStep(lossFn, ps, opt)) {
            double[] lrs = {0.1, 0.05, 0.02};
            for (double lr : lrs) {
                double[] expected = ref.step(x, y, lr); // loss, grad norm
                StepResult r = step.run(batch, lr);
                assertThat(r.loss()).isCloseTo(expected[0], within(1e-4 * (1 + expected[0])));
                assertThat(r.metrics().get("rss")).isCloseTo(2 * expected[0], within(2e-4 * (1 + expected[0])));
                assertThat(r.gradNorm()).isCloseTo(expected[1], within(1e-4 * (1 + expected[1])));
                assertClose(ps.read("w").floats(), ref.w);
                assertClose(ps.read("b").floats(), ref.b);
            }
            Map<String, HostTensor> state = step.optimizerState();
            assertClose(state.get("m.w").floats(), ref.mw);
            assertClose(state.get("v.b").floats(), ref.vb);
            assertThat(state.get("updates").item()).isEqualTo(3.0);
        }
    }

    @Test
    void nonFiniteLossSkipsTheUpdateAndStateRoundTrips() {
        List<ParamSpec> specs = List.of(new ParamSpec("w", Shape.of(3), Init.ones(), true));
        TensorFunction lossFn = (env, in) -> {
            var m = env.ops().math();
            return Map.of("loss", m.sum(m.mul(env.param("w"), in.get("x")), false));
        };
        try (ParameterStore ps = backend.createParameters(specs, ParamInitializer.initialize(specs, 1));
                TrainStep step = backend.compileTrainStep(lossFn, ps, AdamW.paper())) {
            StepResult ok = step.run(Map.of("x", TfTesting.f(TfTesting.dims(3), 1, 2, 3)), 0.1);
            assertThat(ok.skipped()).isFalse();
            HostTensor w1 = ps.read("w");
            Map<String, HostTensor> state1 = step.optimizerState();
            StepResult bad = step.run(Map.of("x", TfTesting.f(TfTesting.dims(3), 1, Float.NaN, 3)), 0.1);
            assertThat(bad.skipped()).isTrue();
            assertThat(Double.isNaN(bad.loss())).isTrue();
            assertThat(ps.read("w")).isEqualTo(w1);
            assertThat(step.optimizerState()).isEqualTo(state1);
            assertThat(step.updates()).isEqualTo(1);

            step.run(Map.of("x", TfTesting.f(TfTesting.dims(3), 1, 2, 3)), 0.1);
            HostTensor w2 = ps.read("w");
            // restoring parameters and optimizer state replays the same update
            ps.write("w", w1);
            step.loadOptimizerState(state1);
            assertThat(step.updates()).isEqualTo(1);
            step.run(Map.of("x", TfTesting.f(TfTesting.dims(3), 1, 2, 3)), 0.1);
            assertThat(ps.read("w")).isEqualTo(w2);
        }
    }

    @Test
    void unusedParameterIsNotUpdated() {
        List<ParamSpec> specs = List.of(new ParamSpec("w", Shape.of(2), Init.ones(), true),
                new ParamSpec("idle", Shape.of(2), Init.ones(), true));
        TensorFunction lossFn = (env, in) -> Map.of("loss", env.ops().math().sum(env.ops().math().square(
                env.param("w")), false));
        try (ParameterStore ps = backend.createParameters(specs, ParamInitializer.initialize(specs, 1));
                TrainStep step = backend.compileTrainStep(lossFn, ps, AdamW.paper())) {
            StepResult r = step.run(Map.of(), 0.1);
            assertThat(r.gradNorm()).isCloseTo(Math.sqrt(8), within(1e-5));
            assertThat(ps.read("idle").floats()).containsExactly(1f, 1f);
            assertThat(ps.read("w").floats()[0]).isLessThan(1f);
        }
    }

    private static void assertClose(float[] got, double[] expected) {
        assertThat(got).hasSize(expected.length);
        for (int i = 0; i < got.length; i++) {
            assertThat((double) got[i]).as("element %d", i).isCloseTo(expected[i], within(1e-5 + 1e-4 * Math.abs(expected[i])));
        }
    }

    /** AdamW as PyTorch computes it, in doubles, for y = x @ w + b with loss 0.5 * sum((y_hat - y)^2). */
    private static final class RefAdamW {
        final AdamW opt;
        final double[] w;
        final double[] b;
        final double[] mw = new double[6];
        final double[] vw = new double[6];
        final double[] mb = new double[3];
        final double[] vb = new double[3];
        int t;

        RefAdamW(AdamW opt, float[] w0, float[] b0) {
            this.opt = opt;
            this.w = toDouble(w0);
            this.b = toDouble(b0);
        }

        double[] step(float[] x, float[] y, double lr) {
            double[] gw = new double[6];
            double[] gb = new double[3];
            double loss = 0;
            for (int i = 0; i < 4; i++) {
                for (int j = 0; j < 3; j++) {
                    double r = x[i * 2] * w[j] + x[i * 2 + 1] * w[3 + j] + b[j] - y[i * 3 + j];
                    loss += 0.5 * r * r;
                    gw[j] += x[i * 2] * r;
                    gw[3 + j] += x[i * 2 + 1] * r;
                    gb[j] += r;
                }
            }
            double sq = 0;
            for (double g : gw) {
                sq += g * g;
            }
            for (double g : gb) {
                sq += g * g;
            }
            double norm = Math.sqrt(sq);
            double coef = Math.min(1.0, opt.clipNorm() / (norm + 1e-6));
            t++;
            update(w, gw, mw, vw, coef, lr, true);
            update(b, gb, mb, vb, coef, lr, false);
            return new double[] {loss, norm};
        }

        private void update(double[] p, double[] g, double[] m, double[] v, double coef, double lr, boolean decay) {
            double bc1 = 1 - Math.pow(opt.beta1(), t);
            double bc2 = 1 - Math.pow(opt.beta2(), t);
            for (int i = 0; i < p.length; i++) {
                double gi = g[i] * coef;
                if (decay) {
                    p[i] *= 1 - lr * opt.weightDecay();
                }
                m[i] = opt.beta1() * m[i] + (1 - opt.beta1()) * gi;
                v[i] = opt.beta2() * v[i] + (1 - opt.beta2()) * gi * gi;
                p[i] -= lr / bc1 * m[i] / (Math.sqrt(v[i]) / Math.sqrt(bc2) + opt.eps());
            }
        }

        private static double[] toDouble(float[] f) {
            double[] d = new double[f.length];
            for (int i = 0; i < f.length; i++) {
                d[i] = f[i];
            }
            return d;
        }
    }
}
