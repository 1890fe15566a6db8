package dev.transfusion.backend.tf;

import dev.transfusion.backend.ParameterStore;
import dev.transfusion.param.ParamSpec;
import dev.transfusion.tensor.DType;
import dev.transfusion.tensor.HostTensor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.tensorflow.op.Ops;

/** Parameters as float32 resource variables in the backend's graph; every program on this store shares them. */
final class TfParameterStore implements ParameterStore {
    private final TfBackend backend;
    private final List<ParamSpec> specs;
    private final Map<String, TfVariable> vars = new LinkedHashMap<>();
    private boolean closed;

    TfParameterStore(TfBackend backend, List<ParamSpec> specs, Map<String, HostTensor> values) {
        this.backend = Objects.requireNonNull(backend, "backend");
        this.specs = List.copyOf(Objects.requireNonNull(specs, "specs"));
        Objects.requireNonNull(values, "values");
        for (ParamSpec s : this.specs) {
            HostTensor v = values.get(s.name());
            if (v == null) {
                throw new IllegalArgumentException("no initial value for parameter '" + s.name() + "' " + s.shape()
                        + "; values hold " + values.keySet());
            }
            if (!v.shape().equals(s.shape()) || v.dtype() != DType.FLOAT32) {
                throw new IllegalArgumentException("initial value of parameter '" + s.name() + "' is " + v.shape() + " "
                        + v.dtype() + ", expected " + s.shape() + " FLOAT32");
            }
        }
        for (String k : values.keySet()) {
            if (this.specs.stream().noneMatch(s -> s.name().equals(k))) {
                throw new IllegalArgumentException("initial value for unknown parameter '" + k + "'");
            }
        }
        backend.locked(() -> {
            Ops tf = backend.newOps("params");
            for (ParamSpec s : this.specs) {
                if (vars.containsKey(s.name())) {
                    throw new IllegalArgumentException("parameter '" + s.name() + "' is listed twice");
                }
                TfVariable var = TfVariable.create(tf, backend.uniqueName("param"), s.name(), s.shape(), DType.FLOAT32);
                var.write(backend.session(), values.get(s.name()));
                vars.put(s.name(), var);
            }
            return null;
        });
    }

    @Override
    public List<ParamSpec> specs() {
        return specs;
    }

    /** The variable of parameter {@code name}; an unknown name lists the known ones. */
    TfVariable variable(String name) {
        checkOpen();
        TfVariable v = vars.get(name);
        if (v == null) {
            throw new IllegalArgumentException("unknown parameter '" + name + "'; known: " + vars.keySet());
        }
        return v;
    }

    /** The backend these parameters live in. */
    TfBackend backend() {
        return backend;
    }

    @Override
    public HostTensor read(String name) {
        Objects.requireNonNull(name, "name");
        TfVariable v = variable(name);
        return backend.locked(() -> v.read(backend.session()));
    }

    @Override
    public void write(String name, HostTensor value) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
        TfVariable v = variable(name);
        backend.locked(() -> {
            v.write(backend.session(), value);
            return null;
        });
    }

    /** Number of session variables held (0 once closed). */
    long liveVariables() {
        return closed ? 0 : vars.size();
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("parameter store is closed");
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        backend.releaseVariables(vars.values());
        backend.forget(this);
    }
}
