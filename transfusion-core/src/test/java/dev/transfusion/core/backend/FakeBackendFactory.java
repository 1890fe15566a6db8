package dev.transfusion.core.backend;

import dev.transfusion.backend.Backend;
import dev.transfusion.backend.BackendFactory;
import dev.transfusion.backend.BackendOptions;
import dev.transfusion.backend.Capability;
import dev.transfusion.plugin.ComponentSpec;
import dev.transfusion.plugin.PluginContext;
import java.util.Set;

/** A backend factory for tests of backend selection: a name, a rank and availability; creating one always fails. */
public final class FakeBackendFactory {
    private FakeBackendFactory() {
    }

    /** A fake whose {@code create} fails naming the device and threads it was asked for. */
    public static BackendFactory of(String name, int rank, boolean available) {
        return new BackendFactory() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public int rank() {
                return rank;
            }

            @Override
            public boolean isAvailable() {
                return available;
            }

            @Override
            public Set<Capability> capabilities() {
                return Set.of();
            }

            @Override
            public Backend create(ComponentSpec spec, PluginContext context) {
                BackendOptions options = BackendOptions.from(spec);
                throw new IllegalArgumentException("fake " + name + " has no " + options.device() + " (threads "
                        + options.threads() + ")");
            }
        };
    }
}
