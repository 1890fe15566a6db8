package dev.transfusion.backend.djl;

import dev.transfusion.backend.Backend;
import dev.transfusion.backend.contract.ShapeOpsContract;

/** Runs {@link ShapeOpsContract} on the DJL/PyTorch backend. */
class DjlShapeOpsContractTest extends ShapeOpsContract {
    @Override
    protected Backend createBackend() {
        return DjlTestBackends.cpu();
    }
}
