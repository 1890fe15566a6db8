package dev.transfusion.plugin;

import dev.transfusion.io.TensorFiles;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/** The immutable {@link PluginContext}: fixed seed, folder and tensor files plus a map of keyed values. */
record ValuePluginContext(long seed, Path baseDir, TensorFiles tensorFiles, Map<ContextKey<?>, Object> values)
        implements PluginContext {
    ValuePluginContext {
        Objects.requireNonNull(baseDir, "baseDir");
        Objects.requireNonNull(tensorFiles, "tensorFiles");
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    @Override
    public <T> Optional<T> find(ContextKey<T> key) {
        Objects.requireNonNull(key, "key");
        return Optional.ofNullable(key.type().cast(values.get(key)));
    }

    @Override
    public Set<ContextKey<?>> keys() {
        return values.keySet();
    }

    @Override
    public <T> PluginContext with(ContextKey<T> key, T value) {
        Objects.requireNonNull(key, "key");
        Map<ContextKey<?>, Object> more = new LinkedHashMap<>(values);
        more.put(key, key.type().cast(Objects.requireNonNull(value, () -> "no value for " + key)));
        return new ValuePluginContext(seed, baseDir, tensorFiles, more);
    }
}
