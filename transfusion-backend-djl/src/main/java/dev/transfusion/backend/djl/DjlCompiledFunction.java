package dev.transfusion.backend.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.transfusion.backend.CompiledFunction;
import dev.transfusion.backend.Scope;
import dev.transfusion.backend.TensorFunction;
import dev.transfusion.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * An inference program run eagerly. Each call works in a child NDManager of the caller's scope: inputs and
 * parameters enter as detached aliases owned by it, outputs move to the caller's scope, and the rest is freed.
 */
final class DjlCompiledFunction implements CompiledFunction {
    private final String name;
    private final TensorFunction fn;
    private final DjlParameterStore params;
    private final DjlBackend backend;

    DjlCompiledFunction(String name, TensorFunction fn, DjlParameterStore params, DjlBackend backend) {
        this.name = Objects.requireNonNull(name, "name");
        this.fn = Objects.requireNonNull(fn, "fn");
        this.params = params;
        this.backend = backend;
    }

    @Override
    public Map<String, Tensor> call(Scope scope, Map<String, Tensor> inputs) {
        Objects.requireNonNull(inputs, "inputs");
        NDManager owner = DjlScope.of(scope).manager();
        Map<String, Tensor> result = new LinkedHashMap<>();
        try (NDManager run = owner.newSubManager()) {
            Map<String, Tensor> in = new LinkedHashMap<>();
            for (Map.Entry<String, Tensor> e : inputs.entrySet()) {
                NDArray alias = DjlTensor.nd(e.getValue()).stopGradient(); // same storage, owned by this run
                alias.attach(run);
                in.put(e.getKey(), new DjlTensor(alias));
            }
            DjlEnv env = new DjlEnv(new DjlOps(run), params, false, false);
            Map<String, Tensor> out = fn.apply(env, in);
            if (out == null) {
                throw new IllegalStateException("program '" + name + "' returned null instead of its outputs");
            }
            for (Map.Entry<String, Tensor> e : out.entrySet()) {
                NDArray a = DjlTensor.nd(e.getValue());
                if (env.isParamAlias(a)) {
                    a = a.duplicate(); // never hand out a view of a parameter that training updates in place
                }
                a.attach(owner);
                result.put(e.getKey(), new DjlTensor(a));
            }
        }
        return result;
    }

    @Override
    public Scope newScope() {
        return backend.newScope();
    }
}
