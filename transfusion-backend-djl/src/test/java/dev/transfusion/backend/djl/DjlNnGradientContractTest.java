package dev.transfusion.backend.djl;

import dev.transfusion.backend.Backend;
import dev.transfusion.backend.contract.NnGradientContract;

/** Runs {@link NnGradientContract} on the DJL/PyTorch backend. */
class DjlNnGradientContractTest extends NnGradientContract {
    @Override
    protected Backend createBackend() {
        return DjlTestBackends.cpu();
    }
}
