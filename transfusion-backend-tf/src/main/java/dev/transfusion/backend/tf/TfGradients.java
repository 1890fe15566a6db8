package dev.transfusion.backend.tf;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.tensorflow.Graph;
import org.tensorflow.GraphOperation;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Symbolic gradients from TF's C++ gradient registry ({@code Graph.addGradients}). Taken w.r.t. placeholder or
 * ReadVariableOp outputs only (never a variable handle); an input the loss does not depend on, or reaches only
 * through StopGradient, gets zeros.
 */
final class TfGradients {
    private TfGradients() {
    }

    /** d loss / d x for every x, as float32 operands of x's shape (call with the backend lock held). */
    static List<Operand<TFloat32>> of(TfBackend backend, Ops tf, Operand<TFloat32> loss, List<TfTensor> xs) {
        List<Operand<TFloat32>> grads = orNull(backend, loss, xs);
        List<Operand<TFloat32>> out = new ArrayList<>();
        for (int i = 0; i < xs.size(); i++) {
            Operand<TFloat32> g = grads.get(i);
            out.add(g != null ? g : tf.zeros(TfTrace.ints(tf, xs.get(i).shape().dims()), TFloat32.class));
        }
        return out;
    }

    /**
     * d loss / d x for every x, or null where the loss does not depend on x (or only through StopGradient), as
     * PyTorch leaves such a parameter's {@code .grad} unset (call with the backend lock held).
     */
    @SuppressWarnings("unchecked")
    static List<Operand<TFloat32>> orNull(TfBackend backend, Operand<TFloat32> loss, List<TfTensor> xs) {
        Graph graph = backend.graph();
        Set<GraphOperation> ancestors = graph.subgraphTo(Set.of(loss));
        List<Output<?>> reachable = new ArrayList<>();
        for (TfTensor x : xs) {
            if (ancestors.contains((GraphOperation) x.operand().op())) {
                reachable.add(x.operand().asOutput());
            }
        }
        Output<?>[] grads = new Output<?>[0];
        if (!reachable.isEmpty()) {
            try {
                grads = graph.addGradients(backend.uniqueName("gradients"), new Output<?>[] {loss.asOutput()},
                        reachable.toArray(new Output<?>[0]), null);
            } catch (RuntimeException e) {
                if (!TfErrors.fromTensorFlow(e)) {
                    throw e;
                }
                throw new IllegalStateException("TensorFlow cannot differentiate this program: " + e.getMessage()
                        + " (use ops with registered gradients, see transfusion-backend-tf/README.md)", e);
            }
        }
        List<Operand<TFloat32>> out = new ArrayList<>();
        int k = 0;
        for (TfTensor x : xs) {
            Output<?> g = null;
            if (k < reachable.size() && reachable.get(k).equals(x.operand().asOutput())) {
                g = grads[k++];
            }
            if (g == null || g.isClosed()) {
                out.add(null);
            } else {
                out.add((Operand<TFloat32>) g);
            }
        }
        return out;
    }
}
