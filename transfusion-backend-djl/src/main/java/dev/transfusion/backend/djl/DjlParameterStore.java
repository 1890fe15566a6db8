package dev.transfusion.backend.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.transfusion.backend.ParameterStore;
import dev.transfusion.param.ParamSpec;
import dev.transfusion.tensor.DType;
import dev.transfusion.tensor.HostTensor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Parameters as float32 arrays in a long-lived NDManager. Programs never touch these arrays directly: each run gets
 * a detached alias (same storage, new handle) owned by the run's manager, so nothing a run creates can land here.
 */
public final class DjlParameterStore implements ParameterStore {
    private final NDManager manager;
    private final List<ParamSpec> specs;
    private final Map<String, ParamSpec> byName = new LinkedHashMap<>();
    private final Map<String, NDArray> values = new LinkedHashMap<>();

    /** Uploads one initial value per spec into {@code manager} (owned and closed by this store). */
    DjlParameterStore(NDManager manager, List<ParamSpec> specs, Map<String, HostTensor> initial) {
        this.manager = Objects.requireNonNull(manager, "manager");
        this.specs = List.copyOf(Objects.requireNonNull(specs, "specs"));
        Objects.requireNonNull(initial, "values");
        for (ParamSpec s : this.specs) {
            if (byName.put(s.name(), s) != null) {
                throw new IllegalArgumentException("parameter listed twice: " + s.name());
            }
            HostTensor v = initial.get(s.name());
            if (v == null) {
                throw new IllegalArgumentException("no initial value for parameter '" + s.name() + "' " + s.shape());
            }
            values.put(s.name(), DjlTypes.upload(manager, checked(s, v)));
        }
        for (String k : initial.keySet()) {
            if (!byName.containsKey(k)) {
                throw new IllegalArgumentException("initial value for unknown parameter '" + k + "'; known: "
                        + byName.keySet());
            }
        }
    }

    @Override
    public List<ParamSpec> specs() {
        return specs;
    }

    @Override
    public HostTensor read(String name) {
        return DjlTypes.download(array(name));
    }

    @Override
    public void write(String name, HostTensor value) {
        NDArray old = array(name);
        values.put(name, DjlTypes.upload(manager, checked(byName.get(name), value)));
        old.close();
    }

    /** The long-lived array of parameter {@code name}. */
    NDArray array(String name) {
        NDArray a = values.get(Objects.requireNonNull(name, "name"));
        if (a == null) {
            throw new IllegalArgumentException("unknown parameter '" + name + "'; known: " + byName.keySet());
        }
        return a;
    }

    /** A detached alias of parameter {@code name} owned by {@code owner}; optionally a gradient leaf. */
    NDArray alias(String name, NDManager owner, boolean requiresGradient) {
        NDArray a = array(name).stopGradient();
        a.attach(owner);
        if (requiresGradient) {
            a.setRequiresGradient(true);
        }
        return a;
    }

    /** Makes {@code value} (a training step's result, consumed) the new value of parameter {@code name}. */
    void store(String name, NDArray value) {
        array(name).intern(value);
    }

    /** The NDManager holding the parameters. */
    NDManager manager() {
        return manager;
    }

    @Override
    public void close() {
        manager.close();
    }

    private static HostTensor checked(ParamSpec s, HostTensor v) {
        Objects.requireNonNull(v, "value");
        if (!v.shape().equals(s.shape()) || v.dtype() != DType.FLOAT32) {
            throw new IllegalArgumentException("parameter '" + s.name() + "' expects FLOAT32 " + s.shape() + ", got "
                    + v.dtype() + " " + v.shape());
        }
        return v;
    }
}
