package dev.transfusion.backend.tf;

import dev.transfusion.backend.Backend;
import dev.transfusion.backend.contract.GradientContract;

/** The backend contract's Gradient checks on the TensorFlow backend. */
class TfGradientContractTest extends GradientContract {
    @Override
    protected Backend createBackend() {
        return TfTesting.backend();
    }
}
