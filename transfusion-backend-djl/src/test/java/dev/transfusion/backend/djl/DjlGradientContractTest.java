package dev.transfusion.backend.djl;

import dev.transfusion.backend.Backend;
import dev.transfusion.backend.contract.GradientContract;

/** Runs {@link GradientContract} on the DJL/PyTorch backend. */
class DjlGradientContractTest extends GradientContract {
    @Override
    protected Backend createBackend() {
        return DjlTestBackends.cpu();
    }
}
