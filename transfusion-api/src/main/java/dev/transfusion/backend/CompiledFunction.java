package dev.transfusion.backend;

import dev.transfusion.tensor.HostTensor;
import dev.transfusion.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;

/** An inference program prepared by a backend (run eagerly, or traced once per input signature). */
public interface CompiledFunction extends AutoCloseable {
    /**
     * Runs the program. Inputs are concrete tensors (uploaded or earlier outputs); the outputs are owned by
     * {@code scope}, so a KV cache can flow from one call to the next without copying to Java.
     */
    Map<String, Tensor> call(Scope scope, Map<String, Tensor> inputs);

    /** The scope factory of the owning backend (for {@link #callHost}). */
    Scope newScope();

    /** Runs the program on Java values and returns Java values. */
    default Map<String, HostTensor> callHost(Map<String, HostTensor> inputs) {
        try (Scope scope = newScope()) {
            Map<String, Tensor> in = new LinkedHashMap<>();
            inputs.forEach((k, v) -> in.put(k, scope.upload(v)));
            Map<String, HostTensor> out = new LinkedHashMap<>();
            call(scope, in).forEach((k, v) -> out.put(k, scope.download(v)));
            return out;
        }
    }

    /** Frees traced graphs or cached state. */
    @Override
    default void close() {
    }
}
