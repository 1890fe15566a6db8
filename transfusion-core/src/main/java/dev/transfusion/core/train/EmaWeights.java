package dev.transfusion.core.train;

import dev.transfusion.tensor.HostTensor;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * An exponential moving average of the model's parameters, kept in Java memory and used for sampling instead of
 * the raw weights (as DDPM, ADM and DiT do): at a high learning rate the last iterate jitters from step to step,
 * and that jitter shows up as blur and wrong details in samples. The effective decay after {@code n} updates is
 * {@code min(decay, (1 + n) / (10 + n))}, so the average does not stay anchored to the random initialisation in
 * a short run.
 * <p>Reading the weights off the device costs about as much as a small training step, so the average is folded
 * in every {@link #interval()} steps with the product of the skipped steps' decays — exact for the weights seen,
 * and the interval is chosen so that {@code interval·(1 − decay) ≤ 0.02} (every step for decays up to 0.98, every
 * 4th at 0.995, every 20th at 0.999).
 */
public final class EmaWeights {
    private final double decay;
    private final Map<String, HostTensor> average;
    private final int interval;
    private long updates;
    private long pending;

    private EmaWeights(double decay, Map<String, HostTensor> average, long updates) {
        if (!(decay > 0 && decay < 1)) {
            throw new IllegalArgumentException("EMA decay must be in (0, 1), got " + decay);
        }
        this.decay = decay;
        this.average = average;
        this.updates = updates;
        this.interval = (int) Math.max(1, Math.floor(0.02 / (1 - decay) + 1e-9));
    }

    /** Starts an average at {@code params} (a fresh run, or a resumed one whose checkpoint holds no average). */
    public static EmaWeights startingAt(Map<String, HostTensor> params, double decay) {
        return new EmaWeights(decay, copyOf(params), 0);
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
        return new EmaWeights(decay, copyOf(saved), updates);
    }

    private static Map<String, HostTensor> copyOf(Map<String, HostTensor> params) {
        Map<String, HostTensor> copy = new LinkedHashMap<>();
        params.forEach((name, t) -> copy.put(name, HostTensor.floats(t.shape(), t.floats().clone())));
        return copy;
    }

    /** The decay the next update uses. */
    public double currentDecay() {
        return decayAfter(updates);
    }

    /** The decay of the update that follows {@code n} updates. */
    private double decayAfter(long n) {
        return Math.min(decay, (1.0 + n) / (10.0 + n));
    }

    /** Steps between two reads of the weights. */
    public int interval() {
        return interval;
    }

    /**
     * Counts one applied training step; every {@link #interval()} steps reads the weights from {@code params} and
     * folds them in.
     */
    public void onStep(Supplier<Map<String, HostTensor>> params) {
        pending++;
        if (pending >= interval) {
            flush(params);
        }
    }

    /** Folds in the steps counted since the last read (before a checkpoint is written). */
    public void flush(Supplier<Map<String, HostTensor>> params) {
        if (pending > 0) {
            update(params.get(), pending);
            pending = 0;
        }
    }

    /** Moves the average toward {@code params}: {@code avg ← d·avg + (1 − d)·param}. */
    public void update(Map<String, HostTensor> params) {
        update(params, 1);
    }

    /** {@code steps} updates toward the same {@code params} at once: d is the product of their decays. */
    void update(Map<String, HostTensor> params, long steps) {
        Objects.requireNonNull(params, "params");
        double product = 1;
        for (long j = 0; j < steps; j++) {
            product *= decayAfter(updates + j);
        }
        float d = (float) product;
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
        updates += steps;
    }

    /** Updates folded in so far (steps counted but not yet read are not included). */
    public long updates() {
        return updates;
    }

    /** The averaged weights (live views: copy before the next update if they must not change). */
    public Map<String, HostTensor> weights() {
        return Collections.unmodifiableMap(average);
    }
}
