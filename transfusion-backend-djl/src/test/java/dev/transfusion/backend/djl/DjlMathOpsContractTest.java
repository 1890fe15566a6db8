package dev.transfusion.backend.djl;

import dev.transfusion.backend.Backend;
import dev.transfusion.backend.contract.MathOpsContract;

/** Runs {@link MathOpsContract} on the DJL/PyTorch backend. */
class DjlMathOpsContractTest extends MathOpsContract {
    @Override
    protected Backend createBackend() {
        return DjlTestBackends.cpu();
    }
}
