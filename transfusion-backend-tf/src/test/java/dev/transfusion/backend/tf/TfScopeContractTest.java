package dev.transfusion.backend.tf;

import dev.transfusion.backend.Backend;
import dev.transfusion.backend.contract.ScopeContract;

/** The backend contract's Scope checks on the TensorFlow backend. */
class TfScopeContractTest extends ScopeContract {
    @Override
    protected Backend createBackend() {
        return TfTesting.backend();
    }
}
