package dev.transfusion.backend.djl;

import ai.djl.ndarray.NDArray;
import dev.transfusion.backend.Env;
import dev.transfusion.tensor.Tensor;
import dev.transfusion.tensor.ops.Ops;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** What a DJL program run sees: ops bound to the run's NDManager and per-run aliases of the parameters. */
final class DjlEnv implements Env {
    private final DjlOps ops;
    private final DjlParameterStore params;
    private final boolean training;
    private final boolean gradients;
    private final Map<String, NDArray> aliases = new LinkedHashMap<>();

    /** An env over {@code params} (may be null); {@code gradients} makes every parameter alias a gradient leaf. */
    DjlEnv(DjlOps ops, DjlParameterStore params, boolean training, boolean gradients) {
        this.ops = Objects.requireNonNull(ops, "ops");
        this.params = params;
        this.training = training;
        this.gradients = gradients;
    }

    @Override
    public Ops ops() {
        return ops;
    }

    @Override
    public Tensor param(String name) {
        Objects.requireNonNull(name, "name");
        if (params == null) {
            throw new IllegalStateException("program asked for parameter '" + name
                    + "' but was compiled without a ParameterStore");
        }
        return new DjlTensor(aliasOf(name));
    }

    /** The run's alias of parameter {@code name}, made on first use. */
    NDArray aliasOf(String name) {
        return aliases.computeIfAbsent(name, n -> params.alias(n, ops.manager(), gradients));
    }

    /** True when {@code array} is one of this run's parameter aliases (shares a parameter's storage). */
    boolean isParamAlias(NDArray array) {
        for (NDArray a : aliases.values()) {
            if (a == array) {
                return true;
            }
        }
        return false;
    }

    @Override
    public boolean training() {
        return training;
    }
}
