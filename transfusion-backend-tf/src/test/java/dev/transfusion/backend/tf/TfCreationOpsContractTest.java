package dev.transfusion.backend.tf;

import dev.transfusion.backend.Backend;
import dev.transfusion.backend.contract.CreationOpsContract;

/** The backend contract's CreationOps checks on the TensorFlow backend. */
class TfCreationOpsContractTest extends CreationOpsContract {
    @Override
    protected Backend createBackend() {
        return TfTesting.backend();
    }
}
