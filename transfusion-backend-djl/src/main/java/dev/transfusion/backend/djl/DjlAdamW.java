package dev.transfusion.backend.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.transfusion.backend.AdamW;
import dev.transfusion.param.ParamSpec;
import dev.transfusion.tensor.HostTensor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * AdamW moments in a long-lived NDManager and the in-place update rule. With {@code t} the update count after this
 * step: {@code m = b1 m + (1-b1) g}, {@code v = b2 v + (1-b2) g^2},
 * {@code p -= lr * (m/(1-b1^t)) / (sqrt(v/(1-b2^t)) + eps)} and, for decayed parameters only,
 * {@code p -= lr * wd * p} (applied first, as PyTorch does).
 */
final class DjlAdamW implements AutoCloseable {
    private final AdamW config;
    private final NDManager manager;
    private final Map<String, NDArray> m = new LinkedHashMap<>();
    private final Map<String, NDArray> v = new LinkedHashMap<>();
    private final Map<String, ParamSpec> specs = new LinkedHashMap<>();
    private long updates;

    /** Zero moments for every spec, owned by {@code manager} (closed with this object). */
    DjlAdamW(AdamW config, NDManager manager, List<ParamSpec> specs) {
        this.config = Objects.requireNonNull(config, "optimizer");
        this.manager = manager;
        for (ParamSpec s : specs) {
            this.specs.put(s.name(), s);
            m.put(s.name(), manager.zeros(DjlTypes.djl(s.shape())));
            v.put(s.name(), manager.zeros(DjlTypes.djl(s.shape())));
        }
    }

    /** Number of updates applied. */
    long updates() {
        return updates;
    }

    /**
     * Applies one update in place. {@code param} and {@code grad} are owned by {@code step} (the step's manager), as
     * is every temporary made here; {@code scale} is the clipping factor already folded into the gradient.
     */
    void apply(ParamSpec spec, NDArray param, NDArray grad, double scale, double lr, DjlOps step) {
        long n = updates + 1;
        double bc1 = 1 - Math.pow(config.beta1(), n);
        double bc2 = 1 - Math.pow(config.beta2(), n);
        NDArray g = scale == 1.0 ? grad : grad.mul(step.scalar(scale));
        NDArray mA = alias(m.get(spec.name()), step.manager());
        NDArray vA = alias(v.get(spec.name()), step.manager());
        mA.muli(step.scalar(config.beta1())).addi(g.mul(step.scalar(1 - config.beta1())));
        vA.muli(step.scalar(config.beta2())).addi(g.square().muli(step.scalar(1 - config.beta2())));
        NDArray denom = vA.mul(step.scalar(1 / bc2)).sqrt().addi(step.scalar(config.eps()));
        NDArray update = mA.div(denom).muli(step.scalar(lr / bc1));
        if (spec.decay() && config.weightDecay() > 0) {
            param.muli(step.scalar(1 - lr * config.weightDecay()));
        }
        param.subi(update);
    }

    /** Marks the end of a successful step (advances the bias-correction counter). */
    void stepDone() {
        updates++;
    }

    /** The moments and counter as Java values ({@code m.<name>}, {@code v.<name>}, int32 scalar {@code updates}). */
    Map<String, HostTensor> state() {
        Map<String, HostTensor> out = new LinkedHashMap<>();
        m.forEach((k, a) -> out.put("m." + k, DjlTypes.download(a)));
        v.forEach((k, a) -> out.put("v." + k, DjlTypes.download(a)));
        out.put("updates", HostTensor.ints(dev.transfusion.tensor.Shape.scalar(), new int[] {Math.toIntExact(updates)}));
        return out;
    }

    /** Restores {@link #state()}; every key must be present with the parameter's shape. */
    void load(Map<String, HostTensor> state) {
        Objects.requireNonNull(state, "state");
        HostTensor u = state.get("updates");
        if (u == null) {
            throw new IllegalArgumentException("optimizer state lacks \"updates\"; keys: " + state.keySet());
        }
        Map<String, NDArray> fresh = new LinkedHashMap<>();
        for (ParamSpec s : specs.values()) {
            for (String prefix : new String[] {"m.", "v."}) {
                HostTensor h = state.get(prefix + s.name());
                if (h == null || !h.shape().equals(s.shape())) {
                    throw new IllegalArgumentException("optimizer state '" + prefix + s.name() + "' must have shape "
                            + s.shape() + ", got " + (h == null ? "nothing" : h.shape().toString()));
                }
                fresh.put(prefix + s.name(), DjlTypes.upload(manager, h));
            }
        }
        for (ParamSpec s : specs.values()) {
            m.put(s.name(), swap(m.get(s.name()), fresh.get("m." + s.name())));
            v.put(s.name(), swap(v.get(s.name()), fresh.get("v." + s.name())));
        }
        updates = (long) u.item();
    }

    private static NDArray swap(NDArray old, NDArray replacement) {
        old.close();
        return replacement;
    }

    private static NDArray alias(NDArray longLived, NDManager owner) {
        NDArray a = longLived.stopGradient();
        a.attach(owner);
        return a;
    }

    @Override
    public void close() {
        manager.close();
    }
}
