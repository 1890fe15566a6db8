package dev.transfusion.backend.tf;

import dev.transfusion.backend.Backend;
import dev.transfusion.backend.contract.MathOpsContract;

/** The backend contract's MathOps checks on the TensorFlow backend. */
class TfMathOpsContractTest extends MathOpsContract {
    @Override
    protected Backend createBackend() {
        return TfTesting.backend();
    }
}
