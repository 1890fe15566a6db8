package dev.transfusion.backend.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.transfusion.optim.Optimizer;
import dev.transfusion.optim.OptimizerState;
import dev.transfusion.param.ParamSpec;
import dev.transfusion.tensor.HostTensor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An optimizer's state as long-lived arrays in their own NDManager, one per {@link OptimizerState} key. A step reads
 * them through per-run aliases and stores the new values by swapping storage ({@link NDArray#intern}), no copies.
 */
final class DjlOptimizerState implements AutoCloseable {
    private final Optimizer optimizer;
    private final List<ParamSpec> specs;
    private final NDManager manager;
    private final Map<String, NDArray> arrays = new LinkedHashMap<>();

    /** The initial state of {@code optimizer} for {@code specs}, owned by {@code manager} (closed with this object). */
    DjlOptimizerState(Optimizer optimizer, List<ParamSpec> specs, NDManager manager) {
        this.optimizer = optimizer;
        this.specs = List.copyOf(specs);
        this.manager = manager;
        OptimizerState.initial(optimizer, specs).forEach((k, v) -> arrays.put(k, DjlTypes.upload(manager, v)));
    }

    /** Every key's value as an alias owned by {@code owner} (the step's manager). */
    Map<String, NDArray> aliases(NDManager owner) {
        Map<String, NDArray> out = new LinkedHashMap<>();
        arrays.forEach((k, a) -> {
            NDArray alias = a.stopGradient();
            alias.attach(owner);
            out.put(k, alias);
        });
        return out;
    }

    /** Makes {@code value} (a step's result, consumed) the new value of {@code key}. */
    void store(String key, NDArray value) {
        arrays.get(key).intern(value);
    }

    /** The state as exported to checkpoints. */
    Map<String, HostTensor> read() {
        Map<String, HostTensor> out = new LinkedHashMap<>();
        arrays.forEach((k, a) -> out.put(k, DjlTypes.download(a)));
        return OptimizerState.exported(out);
    }

    /** The number of applied updates. */
    long updates() {
        return Math.round(DjlTypes.download(arrays.get(OptimizerState.UPDATES)).item());
    }

    /** Restores state produced by {@link #read}, checked first: nothing changes when a key is wrong. */
    void load(Map<String, HostTensor> state) {
        Map<String, HostTensor> checked = OptimizerState.loadable(optimizer, specs, state);
        checked.forEach((k, v) -> store(k, DjlTypes.upload(manager, v)));
    }

    @Override
    public void close() {
        manager.close();
    }
}
