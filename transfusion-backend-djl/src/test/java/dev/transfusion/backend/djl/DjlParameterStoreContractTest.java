package dev.transfusion.backend.djl;

import dev.transfusion.backend.Backend;
import dev.transfusion.backend.contract.ParameterStoreContract;

/** Runs {@link ParameterStoreContract} on the DJL/PyTorch backend. */
class DjlParameterStoreContractTest extends ParameterStoreContract {
    @Override
    protected Backend createBackend() {
        return DjlTestBackends.cpu();
    }
}
