package dev.transfusion.backend.djl;

import dev.transfusion.backend.Backend;
import dev.transfusion.backend.contract.OptimizerContract;

/** Runs {@link OptimizerContract} (the shared AdamW step) on the DJL/PyTorch backend. */
class DjlOptimizerContractTest extends OptimizerContract {
    @Override
    protected Backend createBackend() {
        return DjlTestBackends.cpu();
    }
}
