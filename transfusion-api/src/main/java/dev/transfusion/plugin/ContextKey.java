package dev.transfusion.plugin;

import java.util.Objects;

/**
 * The name and type of one value a {@link PluginContext} may hold, e.g. {@code model.dim} (an {@link Integer}).
 * The keys core fills are declared on the factory interface of the kind that receives them, e.g.
 * {@code SamplerFactory.OBJECTIVE}; two keys are equal when their names and types are.
 */
public record ContextKey<T>(String name, Class<T> type) {
    public ContextKey {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        if (name.isBlank()) {
            throw new IllegalArgumentException("a context key needs a name");
        }
    }

    /** A key named {@code name} for values of {@code type}. */
    public static <T> ContextKey<T> of(String name, Class<T> type) {
        return new ContextKey<>(name, type);
    }

    @Override
    public String toString() {
        return name + " (" + type.getSimpleName() + ")";
    }
}
