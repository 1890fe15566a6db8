package dev.transfusion.backend.djl;

import dev.transfusion.backend.Backend;
import dev.transfusion.backend.BackendOptions;
import dev.transfusion.tensor.Device;

/** How the DJL contract tests create their backend. */
final class DjlTestBackends {
    private DjlTestBackends() {
    }

    /**
     * A CPU backend with one intra-op thread: the tensors here are tiny, and on a shared 2-core machine OpenMP's
     * spinning worker threads make oversubscribed runs many times slower.
     */
    static Backend cpu() {
        return new DjlBackendProvider().create(new BackendOptions(Device.CPU, 1));
    }
}
