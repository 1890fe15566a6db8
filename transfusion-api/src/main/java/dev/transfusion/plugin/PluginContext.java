package dev.transfusion.plugin;

import dev.transfusion.io.SafeTensorsFile;
import dev.transfusion.io.TensorFiles;
import dev.transfusion.tensor.HostTensor;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * What a factory may use while creating a component: the run's seed, the folder relative paths resolve from, and
 * the host's tensor file reader and writer.
 */
public interface PluginContext {
    /** The experiment seed. */
    long seed();

    /** Folder against which relative file paths in the config are resolved. */
    Path baseDir();

    /** Reads and writes weight files (safetensors) for components that load or save tensors. */
    TensorFiles tensorFiles();

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

    /** A context whose components read and write weights with {@code tensorFiles}. */
    static PluginContext of(long seed, Path baseDir, TensorFiles tensorFiles) {
        Objects.requireNonNull(baseDir, "baseDir");
        Objects.requireNonNull(tensorFiles, "tensorFiles");
        return new PluginContext() {
            @Override
            public long seed() {
                return seed;
            }

            @Override
            public Path baseDir() {
                return baseDir;
            }

            @Override
            public TensorFiles tensorFiles() {
                return tensorFiles;
            }
        };
    }
}
