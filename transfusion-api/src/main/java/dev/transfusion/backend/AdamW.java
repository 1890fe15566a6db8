package dev.transfusion.backend;

import dev.transfusion.optim.Optimizer;
import dev.transfusion.optim.OptimizerState;
import dev.transfusion.param.ParamSpec;
import dev.transfusion.tensor.Tensor;
import dev.transfusion.tensor.ops.MathOps;
import dev.transfusion.tensor.ops.Ops;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * AdamW with decoupled weight decay (applied only to parameters marked for decay) and global-norm gradient
 * clipping ({@code clipNorm <= 0} disables it). Defaults are the paper's. The update rule is written once against
 * the tensor API; {@link dev.transfusion.optim.OptimizerStep} adds clipping and the non-finite skip around it.
 */
public record AdamW(double beta1, double beta2, double eps, double weightDecay, double clipNorm) implements Optimizer {
    /** First-moment slot. */
    public static final String M = "m";
    /** Second-moment slot. */
    public static final String V = "v";

    /** The Transfusion paper's settings: β = (0.9, 0.95), ε = 1e-8, weight decay 0.1, clip 1.0. */
    public static AdamW paper() {
        return new AdamW(0.9, 0.95, 1e-8, 0.1, 1.0);
    }

    public AdamW {
        if (beta1 < 0 || beta1 >= 1 || beta2 < 0 || beta2 >= 1) {
            throw new IllegalArgumentException("AdamW betas must be in [0, 1), got " + beta1 + ", " + beta2);
        }
        if (eps <= 0) {
            throw new IllegalArgumentException("AdamW eps must be > 0, got " + eps);
        }
        if (weightDecay < 0) {
            throw new IllegalArgumentException("AdamW weight decay must be >= 0, got " + weightDecay);
        }
    }

    @Override
    public List<String> slots() {
        return List.of(M, V);
    }

    /**
     * With {@code t = step}: {@code m = b1 m + (1-b1) g}, {@code v = b2 v + (1-b2) g^2},
     * {@code u = (m / (1-b1^t)) / (sqrt(v / (1-b2^t)) + eps)}, plus {@code wd * p} for decayed parameters, and
     * {@code p -= lr * u}. In float32, in this order (the order the TF backend's graph always had).
     */
    @Override
    public Update update(Ops ops, List<ParamSpec> specs, Map<String, Tensor> params, Map<String, Tensor> grads,
            Map<String, Tensor> state, Tensor lr, Tensor step) {
        MathOps m = ops.math();
        Tensor one = ops.create().scalar(1);
        Tensor bc1 = m.sub(one, m.pow(ops.create().scalar(beta1), step));
        Tensor bc2 = m.sub(one, m.pow(ops.create().scalar(beta2), step));
        Map<String, Tensor> newParams = new LinkedHashMap<>();
        Map<String, Tensor> newState = new LinkedHashMap<>();
        for (ParamSpec spec : specs) {
            Tensor g = grads.get(spec.name());
            if (g == null) {
                continue;
            }
            String mKey = OptimizerState.key(M, spec.name());
            String vKey = OptimizerState.key(V, spec.name());
            Tensor p = params.get(spec.name());
            Tensor mNew = m.add(m.mul(state.get(mKey), beta1), m.mul(g, 1 - beta1));
            Tensor vNew = m.add(m.mul(state.get(vKey), beta2), m.mul(m.square(g), 1 - beta2));
            Tensor denom = m.add(m.sqrt(m.div(vNew, bc2)), eps);
            Tensor u = m.div(m.div(mNew, bc1), denom);
            if (spec.decay() && weightDecay > 0) {
                u = m.add(u, m.mul(p, weightDecay));
            }
            newParams.put(spec.name(), m.sub(p, m.mul(lr, u)));
            newState.put(mKey, mNew);
            newState.put(vKey, vNew);
        }
        return new Update(newParams, newState);
    }
}
