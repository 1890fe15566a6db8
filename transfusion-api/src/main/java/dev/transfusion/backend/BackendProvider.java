package dev.transfusion.backend;

import java.util.Set;

/**
 * The service a backend jar registers in {@code META-INF/services/dev.transfusion.backend.BackendProvider}
 * (DJL's EngineProvider pattern): a name, a rank for default choice, and a factory.
 */
public interface BackendProvider {
    /** Unique name used in configs ({@code backend.type}). */
    String name();

    /** Higher wins when nothing selects a backend explicitly. */
    int rank();

    /** False when the native library cannot be loaded on this machine. */
    boolean isAvailable();

    /** Features of backends this provider creates. */
    Set<Capability> capabilities();

    /**
     * Creates a backend; a device that is not present (e.g. {@code gpu:0} on a CPU-only machine) is an
     * {@link IllegalArgumentException} naming the device and what was found.
     */
    Backend create(BackendOptions options);
}
