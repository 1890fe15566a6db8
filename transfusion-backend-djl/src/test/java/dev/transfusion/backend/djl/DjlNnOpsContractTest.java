package dev.transfusion.backend.djl;

import dev.transfusion.backend.Backend;
import dev.transfusion.backend.contract.NnOpsContract;

/** Runs {@link NnOpsContract} on the DJL/PyTorch backend. */
class DjlNnOpsContractTest extends NnOpsContract {
    @Override
    protected Backend createBackend() {
        return DjlTestBackends.cpu();
    }
}
