package dev.transfusion.backend.tf;

import dev.transfusion.backend.Backend;
import dev.transfusion.backend.BackendOptions;
import dev.transfusion.backend.BackendProvider;
import dev.transfusion.backend.Capability;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import java.util.Collections;

/** Registers the TensorFlow Java backend ({@code tf}): traced graphs, gradients from the graph. */
public final class TfBackendProvider implements BackendProvider {
    /** The name used in configs. */
    public static final String NAME = "tf";
    /** What backends of this provider can do. */
    static final Set<Capability> CAPABILITIES = Collections.unmodifiableSet(EnumSet.of(Capability.AUTOGRAD,
            Capability.GRAPH));

    private static volatile Boolean available;

    /** Used by ServiceLoader. */
    public TfBackendProvider() {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int rank() {
        return 50;
    }

    @Override
    public boolean isAvailable() {
        Boolean a = available;
        if (a == null) {
            try {
                org.tensorflow.TensorFlow.version();
                a = true;
            } catch (Throwable e) { // UnsatisfiedLinkError, NoClassDefFoundError, ExceptionInInitializerError
                a = false;
            }
            available = a;
        }
        return a;
    }

    @Override
    public Set<Capability> capabilities() {
        return CAPABILITIES;
    }

    @Override
    public Backend create(BackendOptions options) {
        Objects.requireNonNull(options, "options");
        if (!isAvailable()) {
            throw new IllegalStateException("TensorFlow native library cannot be loaded on this machine");
        }
        return new TfBackend(options.device(), options.threads());
    }
}
