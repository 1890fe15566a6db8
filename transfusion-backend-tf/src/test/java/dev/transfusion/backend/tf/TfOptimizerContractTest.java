package dev.transfusion.backend.tf;

import dev.transfusion.backend.Backend;
import dev.transfusion.backend.contract.OptimizerContract;

/** The backend contract's shared optimizer checks on the TensorFlow backend. */
class TfOptimizerContractTest extends OptimizerContract {
    @Override
    protected Backend createBackend() {
        return TfTesting.backend();
    }
}
