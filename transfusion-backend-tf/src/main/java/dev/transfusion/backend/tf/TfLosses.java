package dev.transfusion.backend.tf;

import dev.transfusion.tensor.DType;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/** Finds and checks the scalar {@code "loss"} output of a traced program. */
final class TfLosses {
    private TfLosses() {
    }

    /** The {@code "loss"} output as a rank-0 float32 operand; anything else is an error naming what was found. */
    static Operand<TFloat32> scalarLoss(TfTraced traced, String what) {
        TfTensor loss = traced.outputs().get("loss");
        if (loss == null) {
            throw new IllegalArgumentException(what + " must return an output named \"loss\"; it returned "
                    + traced.outputs().keySet());
        }
        if (loss.dtype() != DType.FLOAT32 || loss.shape().size() != 1) {
            throw new IllegalArgumentException(what + ": \"loss\" must be a FLOAT32 scalar, got " + loss.shape() + " "
                    + loss.dtype());
        }
        Operand<TFloat32> op = traced.trace().op(loss);
        if (loss.rank() != 0) {
            op = traced.trace().tf().reshape(op, traced.trace().tf().constant(new long[0]));
        }
        return op;
    }
}
