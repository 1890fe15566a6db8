package dev.transfusion.backend.tf;

import dev.transfusion.backend.Backend;
import dev.transfusion.backend.contract.NnGradientContract;

/** The backend contract's NnGradient checks on the TensorFlow backend. */
class TfNnGradientContractTest extends NnGradientContract {
    @Override
    protected Backend createBackend() {
        return TfTesting.backend();
    }
}
