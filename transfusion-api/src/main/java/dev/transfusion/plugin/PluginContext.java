package dev.transfusion.plugin;

import dev.transfusion.io.SafeTensorsFile;
import dev.transfusion.io.TensorFiles;
import dev.transfusion.tensor.HostTensor;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What a factory may use while creating a component: the run's seed, the folder relative paths resolve from, the
 * host's tensor file reader and writer, and the values other components provide, by {@link ContextKey}. Core fills
 * those in dependency order; the keys a kind receives are declared and documented on its factory interface (for
 * example {@code ModalityEncoderFactory.MODEL_DIM}), and {@link #keys()} lists what this context holds.
 */
public interface PluginContext {
    /** The experiment seed. */
    long seed();

    /** Folder against which relative file paths in the config are resolved. */
    Path baseDir();

    /** Reads and writes weight files (safetensors) for components that load or save tensors. */
    TensorFiles tensorFiles();

    /** The value under {@code key}, if this context holds one. */
    <T> Optional<T> find(ContextKey<T> key);

    /** Every key this context holds a value for. */
    Set<ContextKey<?>> keys();

    /** A copy of this context that also holds {@code value} under {@code key} (replacing any value there). */
    <T> PluginContext with(ContextKey<T> key, T value);

    /**
     * The value under {@code key}; when there is none, an {@link IllegalStateException} naming the key and listing
     * the keys this context does hold.
     */
    default <T> T require(ContextKey<T> key) {
        return find(key).orElseThrow(() -> new IllegalStateException("the plugin context provides no " + key
                + "; it provides " + (keys().isEmpty() ? "no values" : keys().toString())
                + " (core fills each kind's keys, listed on its factory interface, in dependency order)"));
    }

    /**
     * A context without weight files, for components that read none (tests, schedules, samplers): asking it for
     * {@link #tensorFiles()} fails saying so.
     */
    static PluginContext of(long seed, Path baseDir) {
        return of(seed, baseDir, new TensorFiles() {
            @Override
            public SafeTensorsFile read(Path file) {
                throw new IllegalStateException("this plugin context reads no weight files (asked for " + file + ")");
            }

            @Override
            public void write(Path file, Map<String, HostTensor> tensors, Map<String, String> metadata) {
                throw new IllegalStateException("this plugin context writes no weight files (asked for " + file + ")");
            }
        });
    }

    /** A context whose components read and write weights with {@code tensorFiles}; it holds no values yet. */
    static PluginContext of(long seed, Path baseDir, TensorFiles tensorFiles) {
        return new ValuePluginContext(seed, baseDir, tensorFiles, Map.of());
    }
}
