package dev.transfusion.backend.tf;

import dev.transfusion.backend.Backend;
import dev.transfusion.backend.contract.RandomOpsContract;

/** The backend contract's RandomOps checks on the TensorFlow backend. */
class TfRandomOpsContractTest extends RandomOpsContract {
    @Override
    protected Backend createBackend() {
        return TfTesting.backend();
    }
}
