package dev.transfusion.backend.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.transfusion.backend.AdamW;
import dev.transfusion.backend.ParameterStore;
import dev.transfusion.backend.StepResult;
import dev.transfusion.backend.TensorFunction;
import dev.transfusion.backend.TrainStep;
import dev.transfusion.param.Init;
import dev.transfusion.param.ParamSpec;
import dev.transfusion.tensor.HostTensor;
import dev.transfusion.tensor.Shape;
import dev.transfusion.tensor.Tensor;
import dev.transfusion.tensor.ops.Ops;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Contract for {@link TrainStep}: AdamW with clipping and selective weight decay matches a plain-Java reference,
 * non-finite steps are skipped, metrics hold every scalar output, optimizer state round-trips.
 */
public abstract class TrainStepContract extends BackendContractSupport {
    private static final int N = 6;
    private static final int IN = 4;
    private static final int OUT = 3;
    private static final AdamW OPT = new AdamW(0.9, 0.95, 1e-8, 0.5, 0.5);
    private static final List<ParamSpec> SPECS = List.of(
            new ParamSpec("lin.weight", Shape.of(OUT, IN), new Init.Normal(1), true),
            new ParamSpec("lin.bias", Shape.of(OUT), Init.zeros(), false));
    private static final TensorFunction LOSS = (env, in) -> {
        Ops o = env.ops();
        Tensor pred = o.nn().linear(in.get("x"), env.param("lin.weight"), env.param("lin.bias")); // (N, OUT)
        Tensor mse = o.math().mean(o.math().square(o.math().sub(pred, in.get("t"))), false);
        Tensor loss = o.math().mul(mse, in.get("scale"));
        return Map.of("loss", loss, "half", o.math().mul(loss, 0.5), "pred", pred);
    };

    private final HostTensor x = randn(501, N, IN);
    private final HostTensor target = Ref.unary(randn(502, N, OUT), v -> 3 * v);

    private Map<String, HostTensor> init() {
        Map<String, HostTensor> m = new LinkedHashMap<>();
        m.put("lin.weight", randn(503, OUT, IN));
        m.put("lin.bias", randn(504, OUT));
        return m;
    }

    private Map<String, HostTensor> batch(float scale) {
        return Map.of("x", x, "t", target, "scale", HostTensor.scalar(scale));
    }

    @Test
    void adamWMatchesPlainJavaReferenceWithClippingAndSelectiveDecay() {
        Map<String, double[]> ref = new LinkedHashMap<>();
        init().forEach((k, v) -> ref.put(k, Ref.doubles(v)));
        Map<String, Boolean> decay = Map.of("lin.weight", true, "lin.bias", false);
        RefAdamW adam = new RefAdamW(OPT);
        double[] lrs = {0.05, 0.03, 0.05, 0.02, 0.05};
        try (ParameterStore store = backend().createParameters(SPECS, init());
                TrainStep step = backend().compileTrainStep(LOSS, store, OPT)) {
            for (int s = 0; s < lrs.length; s++) {
                Map<String, double[]> grads = new LinkedHashMap<>();
                double loss = lossAndGrads(ref, grads);
                StepResult r = step.run(batch(1f), lrs[s]);
                double norm = adam.step(ref, grads, decay, lrs[s]);
                if (s == 0) {
                    assertThat(norm).as("clipping must be active in this test").isGreaterThan(OPT.clipNorm() * 2);
                }
                assertThat(r.skipped()).isFalse();
                assertThat(r.loss()).isCloseTo(loss, within(1e-4 * (1 + loss)));
                assertThat(r.metrics()).containsOnlyKeys("loss", "half");
                assertThat(r.metrics().get("half")).isCloseTo(loss / 2, within(1e-4 * (1 + loss)));
                assertThat(r.gradNorm()).isCloseTo(norm, within(1e-4 * (1 + norm)));
                assertThat(step.updates()).isEqualTo(s + 1);
                for (ParamSpec p : SPECS) {
                    assertClose(store.read(p.name()), Ref.floats(p.shape().intDims(), ref.get(p.name())), 2e-5);
                }
            }
        }
    }

    @Test
    void nonFiniteLossIsSkippedAndLeavesEverythingUntouched() {
        try (ParameterStore store = backend().createParameters(SPECS, init());
                TrainStep step = backend().compileTrainStep(LOSS, store, OPT)) {
            step.run(batch(1f), 0.05);
            Map<String, HostTensor> params = store.readAll();
            Map<String, HostTensor> state = step.optimizerState();
            StepResult r = step.run(batch(Float.NaN), 0.05);
            assertThat(r.skipped()).isTrue();
            assertThat(Double.isNaN(r.loss())).isTrue();
            assertThat(step.updates()).isEqualTo(1);
            assertThat(store.readAll()).isEqualTo(params);
            assertThat(step.optimizerState()).isEqualTo(state);
            StepResult inf = step.run(batch(Float.POSITIVE_INFINITY), 0.05);
            assertThat(inf.skipped()).isTrue();
            assertThat(step.run(batch(1f), 0.05).skipped()).isFalse();
            assertThat(step.updates()).isEqualTo(2);
        }
    }

    @Test
    void optimizerStateRoundTripsExactly() {
        try (ParameterStore store = backend().createParameters(SPECS, init());
                TrainStep step = backend().compileTrainStep(LOSS, store, OPT)) {
            step.run(batch(1f), 0.05);
            step.run(batch(1f), 0.04);
            Map<String, HostTensor> state = step.optimizerState();
            assertThat(state).containsKeys("m.lin.weight", "v.lin.weight", "m.lin.bias", "v.lin.bias", "updates");
            assertThat(state.get("updates").item()).isEqualTo(2);
            try (ParameterStore copy = backend().createParameters(SPECS, store.readAll());
                    TrainStep resumed = backend().compileTrainStep(LOSS, copy, OPT)) {
                resumed.loadOptimizerState(state);
                assertThat(resumed.optimizerState()).isEqualTo(state);
                assertThat(resumed.updates()).isEqualTo(2);
                step.run(batch(1f), 0.05);
                resumed.run(batch(1f), 0.05);
                for (ParamSpec p : SPECS) {
                    assertClose(copy.read(p.name()), store.read(p.name()), 1e-6);
                }
            }
        }
    }

    /** MSE loss of the linear model and its exact gradients. */
    private double lossAndGrads(Map<String, double[]> p, Map<String, double[]> grads) {
        double[] w = p.get("lin.weight");
        double[] b = p.get("lin.bias");
        double[] gw = new double[w.length];
        double[] gb = new double[b.length];
        double loss = 0;
        for (int n = 0; n < N; n++) {
            for (int o = 0; o < OUT; o++) {
                double y = b[o];
                for (int k = 0; k < IN; k++) {
                    y += x.get(n * IN + k) * w[o * IN + k];
                }
                double diff = y - target.get(n * OUT + o);
                loss += diff * diff / (N * OUT);
                double d = 2 * diff / (N * OUT);
                gb[o] += d;
                for (int k = 0; k < IN; k++) {
                    gw[o * IN + k] += d * x.get(n * IN + k);
                }
            }
        }
        grads.put("lin.weight", gw);
        grads.put("lin.bias", gb);
        return loss;
    }
}
