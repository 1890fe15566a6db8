package dev.transfusion.backend.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.transfusion.backend.CompiledFunction;
import dev.transfusion.backend.ParameterStore;
import dev.transfusion.backend.TensorFunction;
import dev.transfusion.param.Init;
import dev.transfusion.param.ParamSpec;
import dev.transfusion.tensor.HostTensor;
import dev.transfusion.tensor.Shape;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Contract for {@link ParameterStore}: values in, values out, programs see the current values. */
public abstract class ParameterStoreContract extends BackendContractSupport {
    private final List<ParamSpec> specs = List.of(new ParamSpec("a.weight", Shape.of(2, 3), new Init.Normal(1), true),
            new ParamSpec("a.bias", Shape.of(3), Init.zeros(), false));

    private Map<String, HostTensor> initial() {
        Map<String, HostTensor> m = new LinkedHashMap<>();
        m.put("a.weight", randn(401, 2, 3));
        m.put("a.bias", randn(402, 3));
        return m;
    }

    @Test
    void readsBackExactlyWhatWasWritten() {
        try (ParameterStore store = backend().createParameters(specs, initial())) {
            assertThat(store.specs()).isEqualTo(specs);
            assertThat(store.count()).isEqualTo(9);
            assertThat(store.readAll()).isEqualTo(initial());
            assertThat(List.copyOf(store.readAll().keySet())).containsExactly("a.weight", "a.bias");
            HostTensor fresh = randn(403, 2, 3);
            store.write("a.weight", fresh);
            assertThat(store.read("a.weight")).isEqualTo(fresh);
        }
    }

    @Test
    void badShapesAndUnknownNamesAreErrors() {
        try (ParameterStore store = backend().createParameters(specs, initial())) {
            assertThatThrownBy(() -> store.write("a.weight", randn(404, 3, 2)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("a.weight");
            assertThatThrownBy(() -> store.read("nope")).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("nope");
        }
        Map<String, HostTensor> missing = initial();
        missing.remove("a.bias");
        assertThatThrownBy(() -> backend().createParameters(specs, missing))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("a.bias");
    }

    @Test
    void programsSeeTheCurrentValues() {
        TensorFunction fn = (env, in) -> Map.of("y", env.ops().math().mul(env.param("a.bias"), 2.0),
                "w", env.param("a.weight"));
        try (ParameterStore store = backend().createParameters(specs, initial());
                CompiledFunction f = backend().compile("params", fn, store)) {
            assertClose(f.callHost(Map.of()).get("y"), Ref.unary(initial().get("a.bias"), v -> 2 * v), 1e-6);
            HostTensor nb = randn(405, 3);
            store.write("a.bias", nb);
            Map<String, HostTensor> out = f.callHost(Map.of());
            assertClose(out.get("y"), Ref.unary(nb, v -> 2 * v), 1e-6);
            assertThat(out.get("w")).isEqualTo(initial().get("a.weight"));
        }
    }
}
