package dev.transfusion.backend.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.transfusion.backend.CompiledFunction;
import dev.transfusion.backend.GradientFunction;
import dev.transfusion.backend.GradientResult;
import dev.transfusion.backend.ParameterStore;
import dev.transfusion.backend.TensorFunction;
import dev.transfusion.param.Init;
import dev.transfusion.param.ParamSpec;
import dev.transfusion.tensor.DType;
import dev.transfusion.tensor.HostTensor;
import dev.transfusion.tensor.Shape;
import dev.transfusion.tensor.Tensor;
import dev.transfusion.tensor.ops.Ops;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Gradients of the math and shape ops (and of parameters) from {@code compileGradient}, checked against central
 * finite differences of {@code sum(op(x) * W)}.
 */
public abstract class GradientContract extends BackendContractSupport {
    private final HostTensor a = randn(101, 2, 3);
    private final HostTensor b = randn(102, 3);
    private final HostTensor pos = uniform(103, 0.5, 2.0, 2, 3);

    @Test
    void arithmeticWithBroadcasting() {
        checkGradient((o, x) -> o.math().add(x.get(0), x.get(1)), a, b);
        checkGradient((o, x) -> o.math().sub(x.get(0), x.get(1)), a, b);
        checkGradient((o, x) -> o.math().mul(x.get(0), x.get(1)), a, b);
        checkGradient((o, x) -> o.math().div(x.get(0), x.get(1)), b, pos);
        checkGradient((o, x) -> o.math().add(x.get(0), 2.0), a);
        checkGradient((o, x) -> o.math().mul(x.get(0), -1.5), a);
        checkGradient((o, x) -> o.math().neg(x.get(0)), a);
    }

    @Test
    void unaryFunctions() {
        checkGradient((o, x) -> o.math().exp(x.get(0)), a);
        checkGradient((o, x) -> o.math().log(x.get(0)), pos);
        checkGradient((o, x) -> o.math().sqrt(x.get(0)), pos);
        checkGradient((o, x) -> o.math().rsqrt(x.get(0)), pos);
        checkGradient((o, x) -> o.math().square(x.get(0)), a);
        checkGradient((o, x) -> o.math().pow(x.get(0), 2.5), pos);
        checkGradient((o, x) -> o.math().abs(x.get(0)), distinct(104, 2, 3)); // no element within eps of 0
        checkGradient((o, x) -> o.math().sin(x.get(0)), a);
        checkGradient((o, x) -> o.math().cos(x.get(0)), a);
        checkGradient((o, x) -> o.math().tanh(x.get(0)), a);
        checkGradient((o, x) -> o.math().sigmoid(x.get(0)), a);
        checkGradient((o, x) -> o.math().erf(x.get(0)), a);
        checkGradient((o, x) -> o.math().clip(x.get(0), -0.27, 0.33), distinct(105, 2, 3));
    }

    @Test
    void maximumMinimumAndMax() {
        HostTensor p = distinct(106, 2, 3);
        HostTensor q = Ref.unary(distinct(107, 2, 3), v -> v + 0.05); // never within eps of p
        checkGradient((o, x) -> o.math().maximum(x.get(0), x.get(1)), p, q);
        checkGradient((o, x) -> o.math().minimum(x.get(0), x.get(1)), p, q);
        HostTensor r = distinct(108, 2, 3, 4);
        checkGradient((o, x) -> o.math().max(x.get(0), true, -1), r);
        checkGradient((o, x) -> o.math().max(x.get(0), false, 0, 2), r);
        checkGradient((o, x) -> o.math().max(x.get(0), false), r);
    }

    @Test
    void matmulAndReductions() {
        checkGradient((o, x) -> o.math().matmul(x.get(0), x.get(1)), randn(109, 2, 3, 4), randn(110, 2, 4, 2));
        checkGradient((o, x) -> o.math().matmul(x.get(0), x.get(1)), randn(111, 2, 1, 2, 3), randn(112, 1, 2, 3, 2));
        HostTensor r = randn(113, 2, 3, 4);
        checkGradient((o, x) -> o.math().sum(x.get(0), true, -1, 0), r);
        checkGradient((o, x) -> o.math().mean(x.get(0), false, 1), r);
        checkGradient((o, x) -> o.math().mean(x.get(0), false), r);
    }

    @Test
    void shapeOps() {
        HostTensor r = randn(114, 2, 3, 4);
        checkGradient((o, x) -> o.shape().reshape(x.get(0), 4, -1), r);
        checkGradient((o, x) -> o.shape().transpose(x.get(0), 2, 0, 1), r);
        checkGradient((o, x) -> o.shape().concat(List.of(x.get(0), x.get(1)), -1), r, randn(115, 2, 3, 1));
        checkGradient((o, x) -> o.shape().slice(x.get(0), -1, 1, 2), r);
        checkGradient((o, x) -> o.shape().broadcastTo(x.get(0), Shape.of(2, 3, 4)), randn(116, 3, 1));
        checkGradient((o, x) -> o.shape().expandDims(x.get(0), 0), a);
        checkGradient((o, x) -> o.shape().squeeze(x.get(0), 1), randn(117, 2, 1, 3));
        checkGradient((o, x) -> o.shape().stack(List.of(x.get(0), x.get(1)), 0), a, randn(118, 2, 3));
    }

    @Test
    void gatherScatterAddsRepeatedIndices() {
        HostTensor r = randn(119, 3, 4);
        checkGradient((o, x) -> o.shape().gather(x.get(0), x.get(1), 0), r, ints(dims(2, 3), 0, 2, 2, 1, 0, 0));
        checkGradient((o, x) -> o.shape().gather(x.get(0), x.get(1), 1), r, ints(dims(2, 2), 3, 3, 0, 1));
        checkGradient((o, x) -> o.shape().gather(x.get(0), x.get(1), -1), r, ints(dims(3), 1, 1, 2));
    }

    @Test
    void whereSendsGradientToTheChosenSide() {
        HostTensor cond = HostTensor.bools(Shape.of(2, 3), new int[] {1, 0, 1, 0, 0, 1});
        HostTensor left = randn(120, 2, 3);
        HostTensor right = randn(121, 2, 3);
        checkGradient((o, x) -> o.math().where(x.get(0), x.get(1), x.get(2)), cond, left, right);
        TensorFunction fn = (env, in) -> Map.of("loss", env.ops().math().sum(
                env.ops().math().where(in.get("c"), in.get("l"), in.get("r")), false));
        try (GradientFunction g = backend().compileGradient(fn, null, List.of("l", "r"))) {
            GradientResult res = g.compute(Map.of("c", cond, "l", left, "r", right));
            for (int i = 0; i < 6; i++) {
                assertThat(res.inputGradients().get("l").get(i)).isEqualTo(cond.get(i));
                assertThat(res.inputGradients().get("r").get(i)).isEqualTo(1 - cond.get(i));
            }
        }
    }

    @Test
    void stopGradientBlocksAndCastKeepsFloatGradient() {
        TensorFunction fn = (env, in) -> {
            Ops o = env.ops();
            Tensor x = in.get("x");
            Tensor y = o.math().add(x, o.math().mul(o.math().stopGradient(x), 3.0)); // value 4x, gradient 1
            return Map.of("loss", o.math().sum(o.math().mul(y, in.get("w")), false));
        };
        HostTensor w = randn(122, 2, 3);
        try (GradientFunction g = backend().compileGradient(fn, null, List.of("x"))) {
            GradientResult res = g.compute(Map.of("x", a, "w", w));
            assertClose(res.inputGradients().get("x"), w, 1e-6);
            double loss = 0;
            for (int i = 0; i < 6; i++) {
                loss += 4 * a.get(i) * w.get(i);
            }
            assertThat(res.loss()).isCloseTo(loss, org.assertj.core.data.Offset.offset(1e-4));
        }
        checkGradient((o, x) -> o.math().mul(o.math().cast(x.get(1), DType.FLOAT32), x.get(0)), a,
                ints(dims(2, 3), 1, 0, 2, 3, 0, 1));
    }

    @Test
    void parameterGradientsMatchFiniteDifferences() {
        List<ParamSpec> specs = List.of(new ParamSpec("lin.weight", Shape.of(3, 4), new Init.Normal(1), true),
                new ParamSpec("lin.bias", Shape.of(3), Init.zeros(), false));
        Map<String, HostTensor> init = new LinkedHashMap<>();
        init.put("lin.weight", randn(123, 3, 4));
        init.put("lin.bias", randn(124, 3));
        HostTensor x = randn(125, 2, 4);
        HostTensor w = randn(126, 2, 3);
        TensorFunction fn = (env, in) -> {
            Ops o = env.ops();
            Tensor y = o.math().tanh(o.nn().linear(in.get("x"), env.param("lin.weight"), env.param("lin.bias")));
            return Map.of("loss", o.math().sum(o.math().mul(y, in.get("w")), false));
        };
        try (ParameterStore store = backend().createParameters(specs, init);
                GradientFunction g = backend().compileGradient(fn, store, List.of("x"));
                CompiledFunction f = backend().compile("loss", fn, store)) {
            GradientResult res = g.compute(Map.of("x", x, "w", w));
            Map<String, HostTensor> in = Map.of("x", x, "w", w);
            compareWithFiniteDifferences("x", res.inputGradients().get("x"), new LinkedHashMap<>(in),
                    m -> f.callHost(m).get("loss").item());
            for (ParamSpec s : specs) {
                HostTensor grad = res.paramGradients().get(s.name());
                assertThat(grad.shape()).isEqualTo(s.shape());
                Map<String, HostTensor> p = new LinkedHashMap<>(Map.of(s.name(), init.get(s.name())));
                compareWithFiniteDifferences(s.name(), grad, p, m -> {
                    store.write(s.name(), m.get(s.name()));
                    return f.callHost(in).get("loss").item();
                });
                store.write(s.name(), init.get(s.name()));
            }
        }
    }
}
