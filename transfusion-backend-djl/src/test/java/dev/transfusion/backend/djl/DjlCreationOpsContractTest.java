package dev.transfusion.backend.djl;

import dev.transfusion.backend.Backend;
import dev.transfusion.backend.contract.CreationOpsContract;

/** Runs {@link CreationOpsContract} on the DJL/PyTorch backend. */
class DjlCreationOpsContractTest extends CreationOpsContract {
    @Override
    protected Backend createBackend() {
        return DjlTestBackends.cpu();
    }
}
