package dev.transfusion.optim;

import dev.transfusion.param.ParamSpec;
import dev.transfusion.tensor.Tensor;
import dev.transfusion.tensor.ops.MathOps;
import dev.transfusion.tensor.ops.Ops;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The update half of a training step, written once against the tensor API: the global gradient norm, global-norm
 * clipping, one {@link Optimizer} update, and the non-finite guard (when the loss or the norm is not finite every
 * parameter, slot and the update counter keep their old values). DJL runs it eagerly after its backward pass; TF
 * traces it into the train-step graph after {@code addGradients}. The backend then stores what it returns.
 */
public final class OptimizerStep {
    /** Added to the norm in the clipping coefficient, as PyTorch's {@code clip_grad_norm_} does. */
    private static final double CLIP_EPS = 1e-6;

    private OptimizerStep() {
    }

    /**
     * What one step computes: new values of the updated parameters and of their state (always including
     * {@link OptimizerState#UPDATES}), the pre-clipping gradient norm (float32 scalar) and whether the step was
     * skipped (bool scalar).
     */
    public record Result(Map<String, Tensor> params, Map<String, Tensor> state, Tensor gradNorm, Tensor skipped) {
    }

    /**
     * One guarded update. {@code grads} may lack parameters the loss does not depend on: those, and their slots, are
     * left alone (like PyTorch's optimizers for a parameter whose {@code .grad} is unset). {@code clipNorm <= 0}
     * disables clipping; {@code loss} and {@code lr} are float32 scalars; {@code state} holds every key of
     * {@link OptimizerState#keys}.
     */
    public static Result apply(Ops ops, Optimizer optimizer, double clipNorm, List<ParamSpec> specs,
            Map<String, Tensor> params, Map<String, Tensor> grads, Map<String, Tensor> state, Tensor loss, Tensor lr) {
        Objects.requireNonNull(optimizer, "optimizer");
        MathOps m = ops.math();
        Tensor norm = globalNorm(ops, specs, grads);
        Tensor finite = m.and(m.isFinite(loss), m.isFinite(norm));
        Map<String, Tensor> clipped = grads;
        if (clipNorm > 0) { // coefficient clip / (norm + 1e-6), clamped to 1: a no-op below the threshold
            Tensor scale = m.minimum(ops.create().scalar(1), m.div(ops.create().scalar(clipNorm), m.add(norm, CLIP_EPS)));
            clipped = new LinkedHashMap<>();
            for (Map.Entry<String, Tensor> e : grads.entrySet()) {
                clipped.put(e.getKey(), m.mul(e.getValue(), scale));
            }
        }
        Tensor updates = Objects.requireNonNull(state.get(OptimizerState.UPDATES), "state 'updates'");
        Tensor step = m.add(updates, 1.0);
        Optimizer.Update u = optimizer.update(ops, specs, params, clipped, state, lr, step);
        Map<String, Tensor> newParams = guarded(m, finite, u.params(), params);
        Map<String, Tensor> newState = guarded(m, finite, u.state(), state);
        newState.put(OptimizerState.UPDATES, m.where(finite, step, updates));
        return new Result(newParams, newState, norm, m.not(finite));
    }

    /** The L2 norm of all gradients together, summed in parameter order (0 when there are none). */
    public static Tensor globalNorm(Ops ops, List<ParamSpec> specs, Map<String, Tensor> grads) {
        MathOps m = ops.math();
        Tensor sumSq = null;
        for (ParamSpec s : specs) {
            Tensor g = grads.get(s.name());
            if (g != null) {
                Tensor sq = m.sum(m.square(g), false);
                sumSq = sumSq == null ? sq : m.add(sumSq, sq);
            }
        }
        return m.sqrt(sumSq == null ? ops.create().scalar(0) : sumSq);
    }

    /** Each updated value where {@code finite}, else the value it replaces. */
    private static Map<String, Tensor> guarded(MathOps m, Tensor finite, Map<String, Tensor> updated,
            Map<String, Tensor> old) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        updated.forEach((k, v) -> out.put(k, m.where(finite, v, Objects.requireNonNull(old.get(k), k))));
        return out;
    }
}
