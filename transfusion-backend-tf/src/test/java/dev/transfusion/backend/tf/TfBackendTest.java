package dev.transfusion.backend.tf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.transfusion.backend.Backend;
import dev.transfusion.backend.BackendFactory;
import dev.transfusion.backend.Capability;
import dev.transfusion.backend.CompiledFunction;
import dev.transfusion.backend.ParameterStore;
import dev.transfusion.backend.Scope;
import dev.transfusion.backend.TensorFunction;
import dev.transfusion.param.Init;
import dev.transfusion.param.ParamSpec;
import dev.transfusion.tensor.Device;
import dev.transfusion.tensor.HostTensor;
import dev.transfusion.tensor.Shape;
import dev.transfusion.tensor.Tensor;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Provider, devices, scopes, parameters and per-signature tracing. */
class TfBackendTest {
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
    void providerIsDiscoveredWithItsCapabilities() {
        BackendFactory p = ServiceLoader.load(BackendFactory.class).stream().map(ServiceLoader.Provider::get)
                .filter(b -> b.name().equals("tf")).findFirst().orElseThrow();
        assertThat(p).isInstanceOf(TfBackendFactory.class);
        assertThat(p.isAvailable()).isTrue();
        assertThat(p.rank()).isEqualTo(50);
        assertThat(p.capabilities()).containsExactlyInAnyOrder(Capability.AUTOGRAD, Capability.GRAPH);
        assertThat(backend.name()).isEqualTo("tf");
        assertThat(backend.device()).isEqualTo(Device.CPU);
    }

    @Test
    void absentGpuIsAnErrorNamingTheDeviceAndWhatWasFound() {
        assertThatThrownBy(() -> TfTesting.backend("gpu:0", 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("gpu:0")
                .hasMessageContaining("CPU:0")
                .hasMessageContaining("linux-x86_64-gpu");
    }

    @Test
    void outputsCanBeFedBackLikeAKvCacheAndTracesAreCachedPerSignature() {
        TensorFunction append = (env, in) -> {
            var s = env.ops().shape();
            Tensor cache = s.concat(List.of(in.get("cache"), in.get("x")), 0);
            return Map.of("cache", cache, "sum", env.ops().math().sum(cache, false));
        };
        try (Scope scope = backend.newScope(); CompiledFunction f = backend.compile("append", append, null)) {
            Tensor cache = scope.upload(TfTesting.f(TfTesting.dims(1), 1));
            Tensor x = scope.upload(TfTesting.f(TfTesting.dims(1), 2));
            for (int i = 0; i < 3; i++) {
                cache = f.call(scope, Map.of("cache", cache, "x", x)).get("cache");
            }
            assertThat(scope.download(cache).floats()).containsExactly(1, 2, 2, 2);
            assertThat(((TfCompiledFunction) f).tracedSignatures()).isEqualTo(3); // cache lengths 1, 2, 3
            Tensor again = scope.upload(TfTesting.f(TfTesting.dims(2), 5, 6));
            f.call(scope, Map.of("cache", again, "x", x));
            assertThat(((TfCompiledFunction) f).tracedSignatures()).isEqualTo(3); // length 2 reused
        }
    }

    @Test
    void scopesFreeTheirTensorsAndChildren() {
        TensorFunction twice = (env, in) -> Map.of("y", env.ops().math().mul(in.get("x"), 2.0), "x", in.get("x"));
        try (Scope root = backend.newScope(); CompiledFunction f = backend.compile("twice", twice, null)) {
            Tensor x = root.upload(TfTesting.f(TfTesting.dims(2), 1, 2));
            Scope child = root.newChild();
            Map<String, Tensor> out = f.call(child, Map.of("x", x));
            assertThat(root.liveTensors()).isEqualTo(3);
            assertThat(child.liveTensors()).isEqualTo(2);
            assertThat(child.download(out.get("x")).floats()).containsExactly(1, 2);
            child.close();
            assertThat(root.liveTensors()).isEqualTo(1);
            assertThatThrownBy(() -> root.download(out.get("y"))).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("freed");
        }
    }

    @Test
    void parametersAreSharedByEveryProgramOnTheStore() {
        List<ParamSpec> specs = List.of(new ParamSpec("a.weight", Shape.of(2), Init.zeros(), true),
                new ParamSpec("b", Shape.of(1), Init.zeros(), false));
        try (ParameterStore ps = backend.createParameters(specs, Map.of("a.weight", TfTesting.f(TfTesting.dims(2), 1, 2),
                "b", TfTesting.f(TfTesting.dims(1), 7)))) {
            TensorFunction fn = (env, in) -> Map.of("y", env.ops().math().add(env.param("a.weight"), env.param("b")));
            try (CompiledFunction f = backend.compile("p", fn, ps)) {
                assertThat(f.callHost(Map.of()).get("y").floats()).containsExactly(8, 9);
                ps.write("b", TfTesting.f(TfTesting.dims(1), -1));
                assertThat(f.callHost(Map.of()).get("y").floats()).containsExactly(0, 1);
            }
            assertThat(ps.read("a.weight").floats()).containsExactly(1, 2);
            assertThat(ps.count()).isEqualTo(3);
            assertThatThrownBy(() -> ps.write("b", TfTesting.f(TfTesting.dims(2), 1, 2)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'b'");
            TensorFunction bad = (env, in) -> Map.of("y", env.param("nope"));
            try (CompiledFunction f = backend.compile("bad", bad, ps)) {
                assertThatThrownBy(() -> f.callHost(Map.of())).isInstanceOf(IllegalArgumentException.class)
                        .hasMessageContaining("nope").hasMessageContaining("a.weight");
            }
        }
    }

    @Test
    void onlyTrainingStepsTraceInTrainingModeAndDropoutIsSeeded() {
        List<Boolean> seen = new java.util.ArrayList<>();
        List<ParamSpec> specs = List.of(new ParamSpec("w", Shape.of(4), Init.ones(), true));
        TensorFunction fn = (env, in) -> {
            seen.add(env.training());
            var m = env.ops().math();
            Tensor d = env.ops().nn().dropout(env.param("w"), 0.5, in.get("seed"));
            return Map.of("loss", m.sum(m.square(d), false), "d", d);
        };
        Map<String, HostTensor> batch = Map.of("seed", HostTensor.ints(Shape.of(2), new int[] {4, 2}));
        try (ParameterStore ps = backend.createParameters(specs, Map.of("w", TfTesting.f(TfTesting.dims(4), 1, 1, 1, 1)));
                CompiledFunction f = backend.compile("drop", fn, ps);
                dev.transfusion.backend.TrainStep step = backend.compileTrainStep(fn, ps,
                        dev.transfusion.backend.AdamW.paper())) {
            HostTensor d = f.callHost(batch).get("d");
            for (float v : d.floats()) {
                assertThat(v).isIn(0f, 2f); // inverted dropout: kept values scaled by 1 / (1 - p)
            }
            assertThat(f.callHost(batch).get("d")).isEqualTo(d);
            step.run(batch, 0.01);
            assertThat(seen).containsExactly(false, true);
        }
    }

    @Test
    void missingInitialValueNamesTheParameter() {
        List<ParamSpec> specs = List.of(new ParamSpec("w", Shape.of(2), Init.zeros(), true));
        assertThatThrownBy(() -> backend.createParameters(specs, Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'w'");
    }

    @Test
    void statelessRandomIsDeterministicPerSeedAndRoughlyStandard() {
        TensorFunction fn = (env, in) -> Map.of("n", env.ops().random().normal(Shape.of(4000), in.get("seed")),
                "u", env.ops().random().uniform(Shape.of(4000), in.get("seed")));
        HostTensor s1 = HostTensor.ints(Shape.of(2), new int[] {1, 2});
        HostTensor s2 = HostTensor.ints(Shape.of(2), new int[] {1, 3});
        try (CompiledFunction f = backend.compile("rng", fn, null)) {
            Map<String, HostTensor> a = f.callHost(Map.of("seed", s1));
            assertThat(f.callHost(Map.of("seed", s1))).isEqualTo(a);
            assertThat(f.callHost(Map.of("seed", s2)).get("n")).isNotEqualTo(a.get("n"));
            double mean = 0;
            double sq = 0;
            double umin = 1;
            double umax = 0;
            for (int i = 0; i < 4000; i++) {
                mean += a.get("n").get(i) / 4000;
                sq += a.get("n").get(i) * a.get("n").get(i) / 4000;
                umin = Math.min(umin, a.get("u").get(i));
                umax = Math.max(umax, a.get("u").get(i));
            }
            assertThat(mean).isBetween(-0.1, 0.1);
            assertThat(sq).isBetween(0.9, 1.1);
            assertThat(umin).isGreaterThanOrEqualTo(0);
            assertThat(umax).isLessThan(1).isGreaterThan(0.99);
        }
    }

    @Test
    void concreteTensorsCapturedByAProgramBecomeConstants() {
        try (Scope scope = backend.newScope()) {
            Tensor table = scope.upload(TfTesting.f(TfTesting.dims(3), 10, 20, 30));
            TensorFunction fn = (env, in) -> Map.of("y", env.ops().shape().gather(table, in.get("i"), 0));
            try (CompiledFunction f = backend.compile("lookup", fn, null)) {
                HostTensor y = f.callHost(Map.of("i", HostTensor.ints(Shape.of(2), new int[] {2, 0}))).get("y");
                assertThat(y.floats()).containsExactly(30, 10);
            }
        }
    }
}
