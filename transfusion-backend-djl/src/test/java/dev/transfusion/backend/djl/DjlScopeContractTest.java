package dev.transfusion.backend.djl;

import dev.transfusion.backend.Backend;
import dev.transfusion.backend.contract.ScopeContract;

/** Runs {@link ScopeContract} on the DJL/PyTorch backend. */
class DjlScopeContractTest extends ScopeContract {
    @Override
    protected Backend createBackend() {
        return DjlTestBackends.cpu();
    }
}
