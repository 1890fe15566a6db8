package dev.transfusion.backend.tf;

import dev.transfusion.backend.Backend;
import dev.transfusion.backend.contract.NnOpsContract;

/** The backend contract's NnOps checks on the TensorFlow backend. */
class TfNnOpsContractTest extends NnOpsContract {
    @Override
    protected Backend createBackend() {
        return TfTesting.backend();
    }
}
