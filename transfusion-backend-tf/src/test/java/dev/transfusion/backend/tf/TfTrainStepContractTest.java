package dev.transfusion.backend.tf;

import dev.transfusion.backend.Backend;
import dev.transfusion.backend.contract.TrainStepContract;

/** The backend contract's TrainStep checks on the TensorFlow backend. */
class TfTrainStepContractTest extends TrainStepContract {
    @Override
    protected Backend createBackend() {
        return TfTesting.backend();
    }
}
