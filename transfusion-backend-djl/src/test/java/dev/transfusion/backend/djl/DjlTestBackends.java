package dev.transfusion.backend.djl;

import dev.transfusion.backend.Backend;
import dev.transfusion.plugin.ComponentSpec;
import dev.transfusion.plugin.PluginContext;
import java.nio.file.Path;
import java.util.Map;

/** How the DJL contract tests create their backend. */
final class DjlTestBackends {
    private DjlTestBackends() {
    }

    /**
     * A CPU backend with one intra-op thread: the tensors here are tiny, and on a shared 2-core machine OpenMP's
     * spinning worker threads make oversubscribed runs many times slower.
     */
    static Backend cpu() {
        return create("cpu", 1);
    }

    /** A backend made the way the host makes one: the factory, from a {@code backend} spec. */
    static Backend create(String device, int threads) {
        return new DjlBackendFactory().create(ComponentSpec.of("backend", DjlBackendFactory.NAME,
                Map.of("device", device, "threads", threads)), PluginContext.of(0, Path.of(".")));
    }
}
