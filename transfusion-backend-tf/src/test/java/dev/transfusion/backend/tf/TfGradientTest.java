package dev.transfusion.backend.tf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.transfusion.backend.Backend;
import dev.transfusion.backend.CompiledFunction;
import dev.transfusion.backend.GradientFunction;
import dev.transfusion.backend.GradientResult;
import dev.transfusion.backend.ParameterStore;
import dev.transfusion.backend.TensorFunction;
import dev.transfusion.param.Init;
import dev.transfusion.param.ParamSpec;
import dev.transfusion.tensor.HostTensor;
import dev.transfusion.tensor.Shape;
import dev.transfusion.tensor.Tensor;
import dev.transfusion.tensor.ops.Ops;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Graph gradients against central finite differences of the same traced program. */
class TfGradientTest {
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
    void convolutionsGatherWhereMaxAndAttentionMatchFiniteDifferences() {
        TensorFunction fn = (env, in) -> {
            Ops o = env.ops();
            var m = o.math();
            Tensor x = in.get("x"); // (1,2,4,4)
            Tensor y = o.nn().conv2d(x, in.get("w"), null, 1, 1); // (1,3,4,4)
            y = o.nn().silu(y);
            Tensor up = o.nn().convTranspose2d(y, in.get("wt"), null, 2, 1); // (1,2,6,6)
            Tensor pooled = m.max(up, false, -1); // (1,2,6)
            Tensor g = o.shape().gather(pooled, in.get("idx"), 2); // (1,2,3)
            Tensor w = m.where(m.greater(g, o.create().scalar(0)), g, m.mul(g, 0.3));
            Tensor q = o.shape().reshape(o.nn().avgPool2d(y, 2), 1, 1, 3, 4); // (1,1,3,4)
            Tensor att = o.nn().attention(q, q, q, null, 0.5); // (1,1,3,4)
            Tensor ce = o.nn().crossEntropy(o.shape().reshape(att, 3, 4), in.get("tgt")); // (3)
            Tensor ln = o.nn().layerNorm(o.shape().reshape(w, 2, 3), o.create().ones(Shape.of(3)), null, 1e-5);
            Tensor loss = m.add(m.sum(m.mul(ln, in.get("r")), false), m.mean(ce, false));
            return Map.of("loss", loss);
        };
        Map<String, HostTensor> in = new LinkedHashMap<>();
        in.put("x", TfTesting.rand(1, -1, 1, 1, 2, 4, 4));
        in.put("w", TfTesting.rand(2, -0.5, 0.5, 3, 2, 3, 3));
        in.put("wt", TfTesting.rand(3, -0.5, 0.5, 3, 2, 4, 4));
        in.put("idx", HostTensor.ints(Shape.of(3), new int[] {5, 0, 2}));
        in.put("tgt", HostTensor.ints(Shape.of(3), new int[] {1, 3, 0}));
        in.put("r", TfTesting.rand(4, -1, 1, 2, 3));
        checkAgainstFiniteDifferences(fn, in, List.of("x", "w", "wt"));
    }

    @Test
    void broadcastingWhereSoftmaxOverRank3AndRopeMatchFiniteDifferences() {
        TensorFunction fn = (env, in) -> {
            Ops o = env.ops();
            var m = o.math();
            Tensor x = in.get("x"); // (2,3,4)
            Tensor w = m.where(in.get("c"), x, in.get("r")); // cond (2,1,4), right (4)
            Tensor p = o.nn().softmax(m.mul(w, 2.0), -1);
            Tensor lp = o.nn().logSoftmax(w, -1);
            Tensor rot = o.nn().rope(o.shape().reshape(x, 1, 2, 3, 4), in.get("cos"), in.get("sin"));
            Tensor loss = m.add(m.sum(m.mul(p, lp), false), m.sum(m.mul(rot, rot), false));
            return Map.of("loss", m.add(loss, m.sum(in.get("r"), false)));
        };
        Map<String, HostTensor> in = new LinkedHashMap<>();
        in.put("x", TfTesting.rand(11, -1, 1, 2, 3, 4));
        in.put("c", HostTensor.bools(Shape.of(2, 1, 4), new int[] {1, 0, 1, 1, 0, 0, 1, 0}));
        in.put("r", TfTesting.rand(12, -1, 1, 4));
        in.put("cos", TfTesting.rand(13, -1, 1, 3, 2));
        in.put("sin", TfTesting.rand(14, -1, 1, 3, 2));
        checkAgainstFiniteDifferences(fn, in, List.of("x", "r"));
    }

    @Test
    void parameterGradientsMatchFiniteDifferences() {
        List<ParamSpec> specs = List.of(new ParamSpec("lin.weight", Shape.of(3, 4), new Init.Normal(0.5), true),
                new ParamSpec("lin.bias", Shape.of(3), Init.zeros(), false),
                new ParamSpec("unused", Shape.of(2), Init.ones(), false));
        Map<String, HostTensor> values = Map.of("lin.weight", TfTesting.rand(7, -1, 1, 3, 4), "lin.bias",
                TfTesting.rand(8, -1, 1, 3), "unused", TfTesting.rand(9, -1, 1, 2));
        try (ParameterStore ps = backend.createParameters(specs, values)) {
            TensorFunction fn = (env, in) -> {
                var m = env.ops().math();
                Tensor h = env.ops().nn().linear(in.get("x"), env.param("lin.weight"), env.param("lin.bias"));
                return Map.of("loss", m.sum(m.tanh(h), false));
            };
            HostTensor x = TfTesting.rand(10, -1, 1, 2, 4);
            GradientResult r;
            try (GradientFunction g = backend.compileGradient(fn, ps, List.of())) {
                r = g.compute(Map.of("x", x));
            }
            assertThat(r.paramGradients().get("unused").floats()).containsOnly(0f);
            try (CompiledFunction f = backend.compile("fd", fn, ps)) {
                for (String p : List.of("lin.weight", "lin.bias")) {
                    HostTensor base = ps.read(p);
                    HostTensor an = r.paramGradients().get(p);
                    for (int i = 0; i < base.shape().size(); i++) {
                        double fd = fd(i, base, v -> {
                            ps.write(p, v);
                            return f.callHost(Map.of("x", x)).get("loss").item();
                        });
                        assertThat(an.get(i)).as("%s[%d]", p, i).isCloseTo(fd, org.assertj.core.data.Offset.offset(2e-3 + 2e-2 * Math.abs(fd)));
                    }
                    ps.write(p, base);
                }
            }
        }
    }

    @Test
    void nonScalarLossIsAnErrorNamingTheShape() {
        TensorFunction fn = (env, in) -> Map.of("loss", in.get("x"));
        try (GradientFunction g = backend.compileGradient(fn, null, List.of("x"))) {
            assertThatThrownBy(() -> g.compute(Map.of("x", TfTesting.rand(1, 0, 1, 2))))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[2]");
        }
    }

    private static void checkAgainstFiniteDifferences(TensorFunction fn, Map<String, HostTensor> in, List<String> wrt) {
        GradientResult r;
        try (GradientFunction g = backend.compileGradient(fn, null, wrt)) {
            r = g.compute(in);
        }
        try (CompiledFunction f = backend.compile("fd", fn, null)) {
            assertThat(r.loss()).isCloseTo(f.callHost(in).get("loss").item(), org.assertj.core.data.Offset.offset(1e-5));
            for (String name : wrt) {
                HostTensor base = in.get(name);
                HostTensor an = r.inputGradients().get(name);
                assertThat(an.shape()).isEqualTo(base.shape());
                int n = Math.toIntExact(base.shape().size());
                for (int i = 0; i < n; i += Math.max(1, n / 16)) {
                    double fd = fd(i, base, v -> {
                        Map<String, HostTensor> m = new LinkedHashMap<>(in);
                        m.put(name, v);
                        return f.callHost(m).get("loss").item();
                    });
                    assertThat(an.get(i)).as("d loss / d %s[%d]", name, i)
                            .isCloseTo(fd, org.assertj.core.data.Offset.offset(3e-3 + 3e-2 * Math.abs(fd)));
                }
            }
        }
    }

    private static double fd(int i, HostTensor base, java.util.function.ToDoubleFunction<HostTensor> loss) {
        double eps = 1e-2;
        HostTensor plus = base.copy();
        plus.floats()[i] += (float) eps;
        HostTensor minus = base.copy();
        minus.floats()[i] -= (float) eps;
        return (loss.applyAsDouble(plus) - loss.applyAsDouble(minus)) / (2 * eps);
    }
}
