package dev.transfusion.backend.tf;

import dev.transfusion.param.ParamSpec;
import dev.transfusion.tensor.DType;
import dev.transfusion.tensor.HostTensor;
import dev.transfusion.tensor.Shape;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;

/** AdamW's state as session variables: first and second moments per parameter and the update counter. */
final class TfOptimizerState {
    private final Map<String, TfVariable> m = new LinkedHashMap<>();
    private final Map<String, TfVariable> v = new LinkedHashMap<>();
    private final TfVariable updates;

    /** Declares and zero-initialises the state (call with the backend lock held). */
    TfOptimizerState(TfBackend backend, List<ParamSpec> specs) {
        Ops tf = backend.newOps("adamw");
        Session session = backend.session();
        for (ParamSpec s : specs) {
            m.put(s.name(), TfVariable.create(tf, backend.uniqueName("adam_m"), "m." + s.name(), s.shape(),
                    DType.FLOAT32));
            v.put(s.name(), TfVariable.create(tf, backend.uniqueName("adam_v"), "v." + s.name(), s.shape(),
                    DType.FLOAT32));
        }
        updates = TfVariable.create(tf, backend.uniqueName("adam_t"), "updates", Shape.scalar(), DType.FLOAT32);
        for (ParamSpec s : specs) {
            m.get(s.name()).write(session, HostTensor.zeros(s.shape()));
            v.get(s.name()).write(session, HostTensor.zeros(s.shape()));
        }
        updates.write(session, HostTensor.scalar(0));
    }

    TfVariable m(String param) {
        return m.get(param);
    }

    TfVariable v(String param) {
        return v.get(param);
    }

    TfVariable updates() {
        return updates;
    }

    /** The state as Java values: {@code m.<param>}, {@code v.<param>}, {@code updates} (lock held). */
    Map<String, HostTensor> read(Session session) {
        Map<String, HostTensor> out = new LinkedHashMap<>();
        m.forEach((k, var) -> out.put("m." + k, var.read(session)));
        v.forEach((k, var) -> out.put("v." + k, var.read(session)));
        out.put("updates", updates.read(session));
        return out;
    }

    /** Restores state produced by {@link #read}; every key must be present (lock held). */
    void write(Session session, Map<String, HostTensor> state) {
        Objects.requireNonNull(state, "state");
        List<String> missing = new ArrayList<>();
        for (String k : m.keySet()) {
            for (String key : List.of("m." + k, "v." + k)) {
                if (!state.containsKey(key)) {
                    missing.add(key);
                }
            }
        }
        if (!state.containsKey("updates")) {
            missing.add("updates");
        }
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("optimizer state lacks " + missing + "; it holds " + state.keySet());
        }
        m.forEach((k, var) -> var.write(session, state.get("m." + k)));
        v.forEach((k, var) -> var.write(session, state.get("v." + k)));
        HostTensor u = state.get("updates");
        if (u.shape().size() != 1) {
            throw new IllegalArgumentException("optimizer state 'updates' must be a scalar, got " + u.shape());
        }
        updates.write(session, HostTensor.scalar((float) u.item()));
    }

    /** Every variable, for releasing. */
    List<TfVariable> all() {
        List<TfVariable> all = new ArrayList<>(m.values());
        all.addAll(v.values());
        all.add(updates);
        return all;
    }
}
