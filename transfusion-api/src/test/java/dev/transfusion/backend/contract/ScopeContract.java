package dev.transfusion.backend.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.transfusion.backend.AdamW;
import dev.transfusion.backend.CompiledFunction;
import dev.transfusion.backend.GradientFunction;
import dev.transfusion.backend.ParameterStore;
import dev.transfusion.backend.Scope;
import dev.transfusion.backend.TensorFunction;
import dev.transfusion.backend.TrainStep;
import dev.transfusion.param.Init;
import dev.transfusion.param.ParamSpec;
import dev.transfusion.tensor.HostTensor;
import dev.transfusion.tensor.Shape;
import dev.transfusion.tensor.Tensor;
import dev.transfusion.tensor.ops.Ops;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Contract for {@link Scope}: closing frees tensors, program calls and train steps do not leak. */
public abstract class ScopeContract extends BackendContractSupport {
    @Test
    void closingAChildScopeFreesItsTensors() {
        try (Scope scope = backend().newScope()) {
            long baseline = scope.liveTensors();
            HostTensor x = randn(301, 2, 3);
            Tensor kept = scope.upload(x);
            assertThat(scope.liveTensors()).isEqualTo(baseline + 1);
            try (Scope child = scope.newChild()) {
                child.upload(x);
                child.upload(x);
                assertThat(child.liveTensors()).isEqualTo(2);
                assertThat(scope.liveTensors()).isEqualTo(baseline + 3);
            }
            assertThat(scope.liveTensors()).isEqualTo(baseline + 1);
            assertThat(scope.download(kept)).isEqualTo(x);
        }
    }

    @Test
    void aCallLeavesOnlyItsOutputsInTheCallersScope() {
        TensorFunction fn = (env, in) -> {
            Ops o = env.ops();
            Tensor h = o.math().tanh(o.math().mul(in.get("x"), 2.0));
            return Map.of("y", o.math().add(o.nn().softmax(h, -1), 1.0), "s", o.math().sum(h, false));
        };
        try (CompiledFunction f = backend().compile("leak", fn, null); Scope scope = backend().newScope()) {
            Tensor x = scope.upload(randn(302, 4, 5));
            long baseline = scope.liveTensors();
            Map<String, Tensor> out = f.call(scope, Map.of("x", x));
            assertThat(scope.liveTensors()).isEqualTo(baseline + out.size());
            assertThat(scope.download(x)).isEqualTo(randn(302, 4, 5)); // input untouched and still alive
            for (int i = 0; i < 20; i++) {
                try (Scope child = scope.newChild()) {
                    f.call(child, Map.of("x", x));
                }
            }
            assertThat(scope.liveTensors()).isEqualTo(baseline + out.size());
        }
    }

    @Test
    void repeatedTrainStepsAndGradientsDoNotGrowLiveTensors() {
        assumeTrue(backend().liveTensors() >= 0, "backend cannot count live tensors");
        List<ParamSpec> specs = List.of(new ParamSpec("w", Shape.of(3, 4), new Init.Normal(0.5), true),
                new ParamSpec("b", Shape.of(3), Init.zeros(), false));
        Map<String, HostTensor> init = Map.of("w", randn(303, 3, 4), "b", randn(304, 3));
        TensorFunction loss = (env, in) -> {
            Ops o = env.ops();
            Tensor y = o.nn().linear(in.get("x"), env.param("w"), env.param("b"));
            return Map.of("loss", o.math().mean(o.math().square(o.math().sub(y, in.get("y"))), false));
        };
        Map<String, HostTensor> batch = Map.of("x", randn(305, 8, 4), "y", randn(306, 8, 3));
        try (ParameterStore store = backend().createParameters(specs, init);
                TrainStep step = backend().compileTrainStep(loss, store, new AdamW(0.9, 0.95, 1e-8, 0.1, 1.0));
                GradientFunction grad = backend().compileGradient(loss, store, List.of("x"))) {
            step.run(batch, 1e-2);
            grad.compute(batch);
            long after = backend().liveTensors();
            for (int i = 0; i < 25; i++) {
                step.run(batch, 1e-2);
                grad.compute(batch);
            }
            assertThat(backend().liveTensors()).isEqualTo(after);
        }
    }
}
