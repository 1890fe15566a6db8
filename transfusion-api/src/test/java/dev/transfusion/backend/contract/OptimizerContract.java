package dev.transfusion.backend.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.transfusion.backend.AdamW;
import dev.transfusion.backend.TensorFunction;
import dev.transfusion.optim.OptimizerState;
import dev.transfusion.optim.OptimizerStep;
import dev.transfusion.param.Init;
import dev.transfusion.param.ParamSpec;
import dev.transfusion.tensor.DType;
import dev.transfusion.tensor.HostTensor;
import dev.transfusion.tensor.Shape;
import dev.transfusion.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Contract for the shared {@link OptimizerStep} with {@link AdamW}, run as an ordinary program on the backend (eager
 * or traced) with parameters, gradients and state fed as inputs: a few steps match the plain-Java {@link RefAdamW}
 * with a decayed and an undecayed parameter and clipping active, a parameter without a gradient is left alone, and
 * a step with a non-finite loss or gradient returns every value and the counter unchanged and reports skipped.
 */
public abstract class OptimizerContract extends BackendContractSupport {
    private static final AdamW OPT = new AdamW(0.9, 0.95, 1e-8, 0.3, 0.5);
    private static final List<ParamSpec> SPECS = List.of(
            new ParamSpec("w", Shape.of(3, 4), new Init.Normal(1), true),
            new ParamSpec("b", Shape.of(4), Init.zeros(), false),
            new ParamSpec("frozen", Shape.of(2), Init.zeros(), true));
    private static final List<String> TRAINED = List.of("w", "b");

    /** One step: inputs {@code p.<name>}, {@code g.<name>} (trained params only), state keys, loss, lr. */
    private static final TensorFunction STEP = (env, in) -> {
        Map<String, Tensor> params = new LinkedHashMap<>();
        Map<String, Tensor> grads = new LinkedHashMap<>();
        Map<String, Tensor> state = new LinkedHashMap<>();
        for (ParamSpec s : SPECS) {
            params.put(s.name(), in.get("p." + s.name()));
        }
        for (String name : TRAINED) {
            grads.put(name, in.get("g." + name));
        }
        for (String k : OptimizerState.keys(OPT, SPECS)) {
            state.put(k, in.get(k));
        }
        OptimizerStep.Result r = OptimizerStep.apply(env.ops(), OPT, OPT.clipNorm(), SPECS, params, grads, state,
                in.get("loss"), in.get("lr"));
        Map<String, Tensor> out = new LinkedHashMap<>();
        r.params().forEach((k, v) -> out.put("p." + k, v));
        out.putAll(r.state());
        out.put("norm", r.gradNorm());
        out.put("skipped", env.ops().math().cast(r.skipped(), DType.FLOAT32));
        return out;
    };

    @Test
    void matchesPlainJavaAdamWAndSkipsNonFiniteSteps() {
        Map<String, HostTensor> params = new LinkedHashMap<>();
        params.put("w", randn(701, 3, 4));
        params.put("b", randn(702, 4));
        params.put("frozen", randn(703, 2));
        Map<String, HostTensor> state = OptimizerState.initial(OPT, SPECS);
        Map<String, double[]> ref = new LinkedHashMap<>();
        for (String name : TRAINED) {
            ref.put(name, Ref.doubles(params.get(name)));
        }
        RefAdamW adam = new RefAdamW(OPT);
        Map<String, Boolean> decay = Map.of("w", true, "b", false);
        double[] lrs = {0.05, 0.02, 0.04, 0.03, 0.05};
        long applied = 0;
        for (int s = 0; s < lrs.length; s++) {
            Map<String, HostTensor> grads = new LinkedHashMap<>();
            grads.put("g.w", Ref.unary(randn(710 + s, 3, 4), v -> 2 * v));
            grads.put("g.b", randn(720 + s, 4));
            float loss = 1.5f;
            if (s == 2) { // a NaN gradient: the whole step must be skipped
                float[] g = grads.get("g.b").floats().clone();
                g[1] = Float.NaN;
                grads.put("g.b", HostTensor.floats(Shape.of(4), g));
            }
            if (s == 3) { // an infinite loss: skipped as well
                loss = Float.POSITIVE_INFINITY;
            }
            Map<String, HostTensor> out = run(STEP, inputs(params, grads, state, loss, lrs[s]));
            boolean finite = s != 2 && s != 3;
            assertThat(out.get("skipped").item()).as("skipped at step %d", s).isEqualTo(finite ? 0.0 : 1.0);
            assertThat(out).as("a parameter without a gradient is not updated").doesNotContainKeys("p.frozen",
                    "m.frozen", "v.frozen");
            if (!finite) {
                for (String name : TRAINED) {
                    assertExactly(out.get("p." + name), params.get(name));
                }
                for (String k : List.of("m.w", "v.w", "m.b", "v.b", "updates")) {
                    assertExactly(out.get(k), state.get(k));
                }
                continue;
            }
            Map<String, double[]> g = Map.of("w", Ref.doubles(grads.get("g.w")),
                    "b", Ref.doubles(grads.get("g.b")));
            double norm = adam.step(ref, g, decay, lrs[s]);
            applied++;
            assertThat(norm).as("clipping must be active").isGreaterThan(OPT.clipNorm() * 2);
            assertThat(out.get("norm").item()).isCloseTo(norm, within(1e-5 * norm));
            assertThat(out.get("updates").item()).isEqualTo(applied);
            for (String name : TRAINED) {
                assertClose(out.get("p." + name), Ref.floats(params.get(name).shape().intDims(), ref.get(name)), 2e-5);
                params.put(name, out.get("p." + name));
            }
            for (String k : List.of("m.w", "v.w", "m.b", "v.b", "updates")) {
                state.put(k, out.get(k));
            }
        }
        assertThat(applied).isEqualTo(3);
    }

    private static Map<String, HostTensor> inputs(Map<String, HostTensor> params, Map<String, HostTensor> grads,
            Map<String, HostTensor> state, float loss, double lr) {
        Map<String, HostTensor> in = new LinkedHashMap<>();
        params.forEach((k, v) -> in.put("p." + k, v));
        in.putAll(grads);
        in.putAll(state);
        in.put("loss", HostTensor.scalar(loss));
        in.put("lr", HostTensor.scalar((float) lr));
        return in;
    }
}
