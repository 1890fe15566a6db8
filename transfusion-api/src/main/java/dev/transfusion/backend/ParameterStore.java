package dev.transfusion.backend;

import dev.transfusion.param.ParamSpec;
import dev.transfusion.tensor.HostTensor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The model's parameters, resident on the backend's device in its long-lived scope. */
public interface ParameterStore extends AutoCloseable {
    /** Every parameter, in registration order. */
    List<ParamSpec> specs();

    /** Copies parameter {@code name} to Java memory. */
    HostTensor read(String name);

    /** Overwrites parameter {@code name}; the shape must match its spec. */
    void write(String name, HostTensor value);

    /** All parameters as Java values, in registration order. */
    default Map<String, HostTensor> readAll() {
        Map<String, HostTensor> out = new LinkedHashMap<>();
        for (ParamSpec s : specs()) {
            out.put(s.name(), read(s.name()));
        }
        return out;
    }

    /** Overwrites every parameter named in {@code values}. */
    default void writeAll(Map<String, HostTensor> values) {
        values.forEach(this::write);
    }

    /** Total number of scalar parameters. */
    default long count() {
        return specs().stream().mapToLong(s -> s.shape().size()).sum();
    }

    @Override
    void close();
}
