package dev.transfusion.backend.djl;

import dev.transfusion.backend.Backend;
import dev.transfusion.backend.contract.RandomOpsContract;

/** Runs {@link RandomOpsContract} on the DJL/PyTorch backend. */
class DjlRandomOpsContractTest extends RandomOpsContract {
    @Override
    protected Backend createBackend() {
        return DjlTestBackends.cpu();
    }
}
