package dev.transfusion.train;

import dev.transfusion.tensor.HostTensor;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * An exponential moving average of the model's parameters, kept in Java memory and used for sampling instead of
 * the raw weights (as DDPM, ADM and DiT do): at a high learning rate the last iterate jitters from step to step,
 * and that jitter shows up as blur and wrong details in samples. The effective decay after {@code n} updates is
 * {@code min(decay, (1 + n) / (10 + n))}, so the average does not stay anchored to the random initialisation in
 * a short run.
 */
public final class EmaWeights {
    private final double decay;
    private final Map<String, HostTensor> average;
    private long updates;

    private EmaWeights(double decay, Map<String, HostTensor> average, long updates) {
        if (!(decay > 0 && decay < 1)) {
            throw new IllegalArgumentException("EMA decay must be in (0, 1), got " + decay);
        }
        this.decay = decay;
        this.average = average;
        this.updates = updates;
    }

    /** Starts an average at {@code params} (a fresh run, or a resumed one whose checkpoint holds no average). */
    public static EmaWeights startingAt(Map<String, HostTensor> params, double decay) {
        Map<String, HostTensor> copy = new LinkedHashMap<>();
        params.forEach((name, t) -> copy.put(name, HostTensor.floats(t.shape(), t.floats().clone())));
        return new EmaWeights(decay, copy, 0);
    }

    /**
     * Restores a saved average after {@code updates} updates; it must name exactly the parameters of
     * {@code params} with the same shapes.
     */
    public static EmaWeights restore(Map<String, HostTensor> saved, Map<String, HostTensor> params, double decay,
            long updates) {
        if (!saved.keySet().equals(params.keySet())) {
            throw new IllegalArgumentException("the saved EMA weights name different parameters than the model");
        }
        saved.forEach((name, t) -> {
            if (!t.shape().equals(params.get(name).shape())) {
                throw new IllegalArgumentException("saved EMA weight " + name + " has shape " + t.shape()
                        + " but the model's parameter has " + params.get(name).shape());
            }
        });
        return startingAt(saved, decay).withUpdates(updates);
    }

    private EmaWeights withUpdates(long n) {
        this.updates = n;
        return this;
    }

    /** The decay the next update uses. */
    public double currentDecay() {
        return Math.min(decay, (1.0 + updates) / (10.0 + updates));
    }

    /** Moves the average toward {@code params}: {@code avg ← d·avg + (1 − d)·param}. */
    public void update(Map<String, HostTensor> params) {
        Objects.requireNonNull(params, "params");
        float d = (float) currentDecay();
        float w = 1f - d;
        average.forEach((name, avg) -> {
            HostTensor p = params.get(name);
            if (p == null) {
                throw new IllegalArgumentException("parameter " + name + " is missing from the EMA update");
            }
            float[] a = avg.floats();
            float[] x = p.floats();
            for (int i = 0; i < a.length; i++) {
                a[i] = d * a[i] + w * x[i];
            }
        });
        updates++;
    }

    /** Updates applied so far. */
    public long updates() {
        return updates;
    }

    /** The averaged weights (live views: copy before the next update if they must not change). */
    public Map<String, HostTensor> weights() {
        return Collections.unmodifiableMap(average);
    }
}
