package dev.transfusion.backend.tf;

import dev.transfusion.backend.CompiledFunction;
import dev.transfusion.backend.Scope;
import dev.transfusion.backend.TensorFunction;
import dev.transfusion.tensor.Tensor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.tensorflow.Operand;

/**
 * An inference program: traced into the backend's graph once per input signature, then one session run per call.
 * Outputs are concrete tensors owned by the caller's scope.
 */
final class TfCompiledFunction implements CompiledFunction {
    private final TfBackend backend;
    private final String name;
    private final TensorFunction fn;
    private final TfParameterStore params;
    private final Map<TfSignature, TfTraced> traces = new HashMap<>();
    private volatile boolean closed;

    TfCompiledFunction(TfBackend backend, String name, TensorFunction fn, TfParameterStore params) {
        this.backend = backend;
        this.name = name;
        this.fn = fn;
        this.params = params;
    }

    @Override
    public Map<String, Tensor> call(Scope scope, Map<String, Tensor> inputs) {
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(inputs, "inputs");
        if (!(scope instanceof TfScope owner)) {
            throw new IllegalArgumentException("scope " + scope.getClass().getName() + " is not a TensorFlow scope");
        }
        Map<Operand<?>, org.tensorflow.Tensor> feeds = new LinkedHashMap<>();
        return backend.locked(() -> {
            if (closed) {
                throw new IllegalStateException("program '" + name + "' is closed");
            }
            TfTraced traced = traces.computeIfAbsent(TfSignature.ofTensors(inputs),
                    sig -> TfTraced.trace(backend, name, fn, sig, params, false));
            inputs.forEach((k, v) -> feeds.put(traced.placeholders().get(k), concrete(k, v)));
            List<Operand<?>> fetches = new ArrayList<>();
            traced.outputs().values().forEach(o -> fetches.add(o.operand()));
            List<org.tensorflow.Tensor> out = TfRun.run(backend.session(), "program '" + name + "'", feeds, fetches,
                    List.of());
            Map<String, Tensor> result = new LinkedHashMap<>();
            int i = 0;
            try {
                for (String k : traced.outputs().keySet()) {
                    result.put(k, owner.adopt(out.get(i)));
                    out.set(i++, null);
                }
            } finally {
                TfRun.closeAll(out);
            }
            return result;
        });
    }

    private org.tensorflow.Tensor concrete(String key, Tensor t) {
        if (t instanceof TfValue v) {
            return v.tf();
        }
        throw new IllegalArgumentException("input '" + key + "' of program '" + name + "' must be a concrete tensor "
                + "(uploaded to a scope or returned by a program), got " + t);
    }

    @Override
    public Scope newScope() {
        return backend.newScope();
    }

    /** Number of input signatures traced so far (each is one graph). */
    int tracedSignatures() {
        return backend.locked(traces::size);
    }

    @Override
    public void close() {
        closed = true;
        // Graph nodes cannot be removed from a TF graph; they are freed with the backend's graph.
        backend.forget(this);
    }
}
