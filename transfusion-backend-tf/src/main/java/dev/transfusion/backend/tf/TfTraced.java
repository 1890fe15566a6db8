package dev.transfusion.backend.tf;

import dev.transfusion.backend.TensorFunction;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.family.TType;

/**
 * A program traced once for one input signature: a placeholder per input, the program's outputs as graph
 * outputs (each distinct, so each fetch yields its own tensor), and the trace with its parameter reads.
 */
final class TfTraced {
    private final TfTrace trace;
    private final Map<String, Placeholder<?>> placeholders;
    private final Map<String, TfTensor> outputs;

    private TfTraced(TfTrace trace, Map<String, Placeholder<?>> placeholders, Map<String, TfTensor> outputs) {
        this.trace = trace;
        this.placeholders = placeholders;
        this.outputs = outputs;
    }

    /** Traces {@code fn} for {@code sig} into a fresh scope of the backend's graph (call with the lock held). */
    static TfTraced trace(TfBackend backend, String name, TensorFunction fn, TfSignature sig, TfParameterStore params,
            boolean training) {
        Objects.requireNonNull(fn, "fn");
        Ops tf = backend.newOps(sanitize(name));
        TfTrace trace = new TfTrace(tf, params);
        Map<String, Placeholder<?>> placeholders = new LinkedHashMap<>();
        Map<String, dev.transfusion.tensor.Tensor> inputs = new LinkedHashMap<>();
        for (TfSignature.Input in : sig.inputs()) {
            Placeholder<? extends TType> p = tf.placeholder(TfTypes.tfClass(in.dtype()),
                    Placeholder.shape(TfTypes.tfShape(in.shape())));
            placeholders.put(in.name(), p);
            inputs.put(in.name(), trace.wrap(p));
        }
        Map<String, dev.transfusion.tensor.Tensor> result;
        try {
            result = fn.apply(new TfEnv(trace, training), inputs);
        } catch (RuntimeException e) {
            throw TfErrors.wrap("TensorFlow rejected an op while tracing program '" + name + "'", e);
        }
        if (result == null) {
            throw new IllegalArgumentException("program '" + name + "' returned null instead of a map of outputs");
        }
        Map<String, TfTensor> outputs = new LinkedHashMap<>();
        Set<Output<?>> used = new HashSet<>();
        for (Map.Entry<String, dev.transfusion.tensor.Tensor> e : result.entrySet()) {
            if (e.getValue() == null) {
                throw new IllegalArgumentException("program '" + name + "' returned null for output '" + e.getKey() + "'");
            }
            Operand<?> op = trace.op(e.getValue());
            Output<?> out = op.asOutput();
            boolean isInput = placeholders.values().stream().anyMatch(p -> p.asOutput().equals(out));
            if (isInput || !used.add(op.asOutput())) {
                op = tf.identity(op); // a distinct output, so each fetched tensor has one owner
            }
            outputs.put(e.getKey(), trace.wrap(op));
        }
        return new TfTraced(trace, placeholders, outputs);
    }

    private static String sanitize(String name) {
        String s = name == null ? "fn" : name.replaceAll("[^A-Za-z0-9_]", "_");
        return s.isEmpty() || !Character.isLetter(s.charAt(0)) ? "fn_" + s : s;
    }

    TfTrace trace() {
        return trace;
    }

    /** The placeholder of each input, by name. */
    Map<String, Placeholder<?>> placeholders() {
        return placeholders;
    }

    /** The program's outputs, by name, in the order it returned them. */
    Map<String, TfTensor> outputs() {
        return outputs;
    }
}
