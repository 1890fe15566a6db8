package dev.transfusion.backend;

import dev.transfusion.plugin.ComponentFactory;
import dev.transfusion.plugin.ComponentSpec;
import dev.transfusion.plugin.ContextKey;
import dev.transfusion.plugin.PluginContext;
import java.util.Set;

/**
 * Plugin kind for tensor backends ({@code backend: {type: djl, device: cpu, threads: 0}}), listed in
 * {@code META-INF/services/dev.transfusion.backend.BackendFactory}. When a config names none, the host picks the
 * available backend of highest {@link #rank()}. Its spec's params are read with {@link BackendOptions#from}.
 */
public interface BackendFactory extends ComponentFactory<Backend> {
    /** Where core places the experiment's backend for the components that run on it (latent codecs). */
    ContextKey<Backend> BACKEND = ContextKey.of("backend", Backend.class);

    /** Higher wins when nothing selects a backend explicitly. */
    int rank();

    /** False when the native library cannot be loaded on this machine. */
    boolean isAvailable();

    /** Features of backends this factory creates. */
    Set<Capability> capabilities();

    /**
     * Creates a backend on the spec's {@code device} with its {@code threads}; a device that is not present (e.g.
     * {@code gpu:0} on a CPU-only machine) is an {@link IllegalArgumentException} naming the device and what was
     * found.
     */
    @Override
    Backend create(ComponentSpec spec, PluginContext context);
}
