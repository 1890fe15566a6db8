package dev.transfusion.plugin;

import java.nio.file.Path;

/** What a factory may use while creating a component: the run's seed and the folder relative paths resolve from. */
public interface PluginContext {
    /** The experiment seed. */
    long seed();

    /** Folder against which relative file paths in the config are resolved. */
    Path baseDir();

    /** A plain context. */
    static PluginContext of(long seed, Path baseDir) {
        return new PluginContext() {
            @Override
            public long seed() {
                return seed;
            }

            @Override
            public Path baseDir() {
                return baseDir;
            }
        };
    }
}
