package dev.transfusion.backend.tf;

import dev.transfusion.backend.Backend;
import dev.transfusion.backend.contract.ParameterStoreContract;

/** The backend contract's ParameterStore checks on the TensorFlow backend. */
class TfParameterStoreContractTest extends ParameterStoreContract {
    @Override
    protected Backend createBackend() {
        return TfTesting.backend();
    }
}
