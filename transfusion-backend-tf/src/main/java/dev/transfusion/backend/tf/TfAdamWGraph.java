package dev.transfusion.backend.tf;

import dev.transfusion.backend.AdamW;
import dev.transfusion.param.ParamSpec;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat32;

/**
 * The update half of a traced training step, as graph ops: gradients w.r.t. the parameter reads, global-norm
 * clipping (PyTorch's {@code clip_grad_norm_} coefficient), AdamW with bias correction and decoupled weight decay
 * on decaying parameters only, and the non-finite guard (select the old values, keep the counter).
 */
final class TfAdamWGraph {
    /** What a step fetches and runs. */
    record Built(Placeholder<TFloat32> learningRate, Operand<TFloat32> gradNorm, Operand<TBool> skipped, Op update) {
    }

    private TfAdamWGraph() {
    }

    /** Adds the update to {@code traced}'s scope; assigns run after {@code before} (lock held). */
    static Built build(TfBackend backend, TfTraced traced, Operand<TFloat32> loss, TfParameterStore params,
            TfOptimizerState state, AdamW opt, List<Op> before) {
        TfTrace trace = traced.trace();
        Ops tf = trace.tf();
        List<ParamSpec> specs = params.specs();
        List<TfTensor> reads = new ArrayList<>();
        for (ParamSpec s : specs) {
            reads.add(trace.param(s.name()));
        }
        List<Operand<TFloat32>> grads = TfGradients.orNull(backend, loss, reads);

        List<Operand<TFloat32>> squares = new ArrayList<>();
        for (Operand<TFloat32> g : grads) {
            if (g != null) {
                squares.add(tf.sum(tf.math.square(g), tf.constant(allAxes(g.shape().numDimensions()))));
            }
        }
        Operand<TFloat32> sumSq = squares.isEmpty() ? tf.constant(0f)
                : squares.size() == 1 ? squares.get(0) : tf.math.addN(squares);
        Operand<TFloat32> gradNorm = tf.math.sqrt(sumSq);
        Operand<TBool> finite = tf.math.logicalAnd(tf.math.isFinite(loss), tf.math.isFinite(gradNorm));
        Placeholder<TFloat32> lr = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.scalar()));

        Operand<TFloat32> scale = tf.constant(1f);
        if (opt.clipNorm() > 0) { // clip_coef = max_norm / (norm + 1e-6), clamped to 1
            scale = tf.math.minimum(tf.constant(1f), tf.math.div(tf.constant((float) opt.clipNorm()),
                    tf.math.add(gradNorm, tf.constant(1e-6f))));
        }
        Operand<TFloat32> stepOld = tf.readVariableOp(state.updates().handle(), TFloat32.class);
        Operand<TFloat32> step = tf.math.add(stepOld, tf.constant(1f));
        Operand<TFloat32> bc1 = tf.math.sub(tf.constant(1f), tf.math.pow(tf.constant((float) opt.beta1()), step));
        Operand<TFloat32> bc2 = tf.math.sub(tf.constant(1f), tf.math.pow(tf.constant((float) opt.beta2()), step));

        List<Op> deps = new ArrayList<>(before);
        for (TfTensor r : reads) {
            deps.add(r.operand());
        }
        Ops after = tf.withControlDependencies(deps);
        List<Op> assigns = new ArrayList<>();
        for (int i = 0; i < specs.size(); i++) {
            Operand<TFloat32> g = grads.get(i);
            if (g == null) {
                continue; // no gradient: like PyTorch's AdamW, the parameter and its moments are left alone
            }
            ParamSpec spec = specs.get(i);
            Operand<TFloat32> p = trace.op(reads.get(i));
            TfVariable mVar = state.m(spec.name());
            TfVariable vVar = state.v(spec.name());
            Operand<TFloat32> m = tf.readVariableOp(mVar.handle(), TFloat32.class);
            Operand<TFloat32> v = tf.readVariableOp(vVar.handle(), TFloat32.class);
            Operand<TFloat32> gc = tf.math.mul(g, scale);
            Operand<TFloat32> mNew = tf.math.add(tf.math.mul(m, tf.constant((float) opt.beta1())),
                    tf.math.mul(gc, tf.constant((float) (1 - opt.beta1()))));
            Operand<TFloat32> vNew = tf.math.add(tf.math.mul(v, tf.constant((float) opt.beta2())),
                    tf.math.mul(tf.math.square(gc), tf.constant((float) (1 - opt.beta2()))));
            Operand<TFloat32> denom = tf.math.add(tf.math.sqrt(tf.math.div(vNew, bc2)), tf.constant((float) opt.eps()));
            Operand<TFloat32> upd = tf.math.div(tf.math.div(mNew, bc1), denom);
            if (spec.decay() && opt.weightDecay() > 0) {
                upd = tf.math.add(upd, tf.math.mul(p, tf.constant((float) opt.weightDecay())));
            }
            Operand<TFloat32> pNew = tf.math.sub(p, tf.math.mul(lr, upd));
            assigns.add(after.assignVariableOp(params.variable(spec.name()).handle(), tf.select(finite, pNew, p)));
            assigns.add(after.assignVariableOp(mVar.handle(), tf.select(finite, mNew, m)));
            assigns.add(after.assignVariableOp(vVar.handle(), tf.select(finite, vNew, v)));
        }
        assigns.add(after.assignVariableOp(state.updates().handle(), tf.select(finite, step, stepOld)));
        Op update = tf.withControlDependencies(assigns).noOp();
        return new Built(lr, gradNorm, tf.math.logicalNot(finite), update);
    }

    private static int[] allAxes(int rank) {
        int[] a = new int[rank];
        for (int i = 0; i < rank; i++) {
            a[i] = i;
        }
        return a;
    }
}
