package dev.transfusion.optim;

import dev.transfusion.param.ParamSpec;
import dev.transfusion.tensor.HostTensor;
import dev.transfusion.tensor.Shape;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How an optimizer's state is named and exchanged with checkpoints: slot {@code s} of parameter {@code p} is
 * {@code "s.p"} (AdamW: {@code m.<param>}, {@code v.<param>}) and the count of applied updates is the scalar
 * {@code "updates"}. On the device the counter is a float32 scalar (the step number feeds the bias corrections);
 * exported it is an int32 scalar, and either type loads.
 */
public final class OptimizerState {
    /** Key of the applied-update counter. */
    public static final String UPDATES = "updates";

    private OptimizerState() {
    }

    /** The key of {@code slot} for parameter {@code param}. */
    public static String key(String slot, String param) {
        return slot + "." + param;
    }

    /** Every key, in order: each slot for every parameter, then {@link #UPDATES}. */
    public static List<String> keys(Optimizer optimizer, List<ParamSpec> specs) {
        List<String> keys = new ArrayList<>();
        for (String slot : optimizer.slots()) {
            for (ParamSpec s : specs) {
                keys.add(key(slot, s.name()));
            }
        }
        keys.add(UPDATES);
        return keys;
    }

    /** The state before the first update, in device form: zero slots and a float32 zero counter. */
    public static Map<String, HostTensor> initial(Optimizer optimizer, List<ParamSpec> specs) {
        Map<String, HostTensor> out = new LinkedHashMap<>();
        for (String slot : optimizer.slots()) {
            for (ParamSpec s : specs) {
                out.put(key(slot, s.name()), HostTensor.zeros(s.shape()));
            }
        }
        out.put(UPDATES, HostTensor.scalar(0));
        return out;
    }

    /**
     * Checks state read from a checkpoint and returns it in device form: every key present, each slot with its
     * parameter's shape, the counter a scalar (any numeric type; returned as float32). Otherwise an
     * {@link IllegalArgumentException} names what is missing or wrong.
     */
    public static Map<String, HostTensor> loadable(Optimizer optimizer, List<ParamSpec> specs,
            Map<String, HostTensor> state) {
        Objects.requireNonNull(state, "state");
        List<String> missing = new ArrayList<>();
        for (String k : keys(optimizer, specs)) {
            if (!state.containsKey(k)) {
                missing.add(k);
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("optimizer state lacks " + missing + "; it holds " + state.keySet());
        }
        Map<String, HostTensor> out = new LinkedHashMap<>();
        for (String slot : optimizer.slots()) {
            for (ParamSpec s : specs) {
                String k = key(slot, s.name());
                HostTensor h = state.get(k);
                if (!h.shape().equals(s.shape())) {
                    throw new IllegalArgumentException("optimizer state '" + k + "' must have shape " + s.shape()
                            + ", got " + h.shape());
                }
                out.put(k, h);
            }
        }
        HostTensor u = state.get(UPDATES);
        if (u.shape().size() != 1) {
            throw new IllegalArgumentException("optimizer state '" + UPDATES + "' must be a scalar, got " + u.shape());
        }
        out.put(UPDATES, HostTensor.scalar((float) u.item()));
        return out;
    }

    /** Device-form state as exported to checkpoints: the same values with the counter as an int32 scalar. */
    public static Map<String, HostTensor> exported(Map<String, HostTensor> deviceState) {
        Map<String, HostTensor> out = new LinkedHashMap<>(deviceState);
        out.put(UPDATES, HostTensor.ints(Shape.scalar(), new int[] {Math.toIntExact(updates(deviceState))}));
        return out;
    }

    /** The applied-update count held in {@code state}. */
    public static long updates(Map<String, HostTensor> state) {
        HostTensor u = Objects.requireNonNull(state.get(UPDATES), "state 'updates'");
        return Math.round(u.item());
    }
}
