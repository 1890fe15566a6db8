package dev.transfusion.backend.tf;

import dev.transfusion.backend.Backend;
import dev.transfusion.backend.BackendFactory;
import dev.transfusion.backend.BackendOptions;
import dev.transfusion.backend.Capability;
import dev.transfusion.plugin.ComponentSpec;
import dev.transfusion.plugin.PluginContext;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/** The TensorFlow Java backend plugin ({@code tf}): traced graphs, gradients from the graph. */
public final class TfBackendFactory implements BackendFactory {
    /** The name used in configs. */
    public static final String NAME = "tf";
    /** What backends of this provider can do. */
    static final Set<Capability> CAPABILITIES = Collections.unmodifiableSet(EnumSet.of(Capability.AUTOGRAD,
            Capability.GRAPH));

    private static volatile Boolean available;

    /** Used by ServiceLoader. */
    public TfBackendFactory() {
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
    public Backend create(ComponentSpec spec, PluginContext context) {
        BackendOptions options = BackendOptions.from(Objects.requireNonNull(spec, "spec"));
        if (!isAvailable()) {
            throw new IllegalStateException("TensorFlow native library cannot be loaded on this machine");
        }
        return new TfBackend(options.device(), options.threads());
    }

    @Override
    public String description() {
        return "TensorFlow Java, traced graphs; params device=cpu (or gpu:N), threads=0";
    }
}
