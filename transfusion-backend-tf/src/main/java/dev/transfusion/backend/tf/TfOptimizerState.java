package dev.transfusion.backend.tf;

import dev.transfusion.optim.Optimizer;
import dev.transfusion.optim.OptimizerState;
import dev.transfusion.param.ParamSpec;
import dev.transfusion.tensor.DType;
import dev.transfusion.tensor.HostTensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;

/** An optimizer's state as session variables, one per {@link OptimizerState} key (slots per parameter, counter). */
final class TfOptimizerState {
    private final Optimizer optimizer;
    private final List<ParamSpec> specs;
    private final Map<String, TfVariable> vars = new LinkedHashMap<>();

    /** Declares and zero-initialises the state (call with the backend lock held). */
    TfOptimizerState(TfBackend backend, Optimizer optimizer, List<ParamSpec> specs) {
        this.optimizer = optimizer;
        this.specs = List.copyOf(specs);
        Ops tf = backend.newOps("optimizer");
        Map<String, HostTensor> initial = OptimizerState.initial(optimizer, specs);
        initial.forEach((key, value) -> vars.put(key, TfVariable.create(tf, backend.uniqueName("optimizer_state"), key,
                value.shape(), DType.FLOAT32)));
        write(backend.session(), initial);
    }

    /** The variable of state key {@code key}. */
    TfVariable variable(String key) {
        return vars.get(key);
    }

    /** Every state key, in order. */
    List<String> keys() {
        return new ArrayList<>(vars.keySet());
    }

    /** The state as exported to checkpoints (lock held). */
    Map<String, HostTensor> read(Session session) {
        Map<String, HostTensor> out = new LinkedHashMap<>();
        vars.forEach((k, var) -> out.put(k, var.read(session)));
        return OptimizerState.exported(out);
    }

    /** The number of applied updates (lock held). */
    long updates(Session session) {
        return Math.round(vars.get(OptimizerState.UPDATES).read(session).item());
    }

    /** Restores state produced by {@link #read}, checked first: nothing is written when a key is wrong (lock held). */
    void write(Session session, Map<String, HostTensor> state) {
        OptimizerState.loadable(optimizer, specs, state).forEach((k, v) -> vars.get(k).write(session, v));
    }

    /** Every variable, for releasing. */
    List<TfVariable> all() {
        return new ArrayList<>(vars.values());
    }
}
