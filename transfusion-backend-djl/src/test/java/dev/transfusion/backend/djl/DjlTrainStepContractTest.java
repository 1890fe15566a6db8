package dev.transfusion.backend.djl;

import dev.transfusion.backend.Backend;
import dev.transfusion.backend.contract.TrainStepContract;

/** Runs {@link TrainStepContract} on the DJL/PyTorch backend. */
class DjlTrainStepContractTest extends TrainStepContract {
    @Override
    protected Backend createBackend() {
        return DjlTestBackends.cpu();
    }
}
