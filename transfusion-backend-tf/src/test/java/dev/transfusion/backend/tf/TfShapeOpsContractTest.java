package dev.transfusion.backend.tf;

import dev.transfusion.backend.Backend;
import dev.transfusion.backend.contract.ShapeOpsContract;

/** The backend contract's ShapeOps checks on the TensorFlow backend. */
class TfShapeOpsContractTest extends ShapeOpsContract {
    @Override
    protected Backend createBackend() {
        return TfTesting.backend();
    }
}
