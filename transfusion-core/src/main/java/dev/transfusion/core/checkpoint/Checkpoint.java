package dev.transfusion.core.checkpoint;

import dev.transfusion.tensor.HostTensor;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One saved training state: the step, the model parameters and optimizer state by name, the exponential moving
 * average of the parameters (empty when the run keeps none), the caller's free-form state (RNG, data cursor; JSON
 * values: maps, lists, strings, numbers, booleans, null — integers load back as {@code Long}, fractions as
 * {@code Double}) and the resolved config YAML the run was started with.
 */
public record Checkpoint(long step, Map<String, HostTensor> params, Map<String, HostTensor> optimizer,
        Map<String, HostTensor> ema, Map<String, Object> state, String configYaml) {
    /** A checkpoint without averaged weights. */
    public Checkpoint(long step, Map<String, HostTensor> params, Map<String, HostTensor> optimizer,
            Map<String, Object> state, String configYaml) {
        this(step, params, optimizer, Map.of(), state, configYaml);
    }

    public Checkpoint {
        if (step < 0) {
            throw new IllegalArgumentException("step must be >= 0, got " + step);
        }
        params = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(params, "params")));
        optimizer = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(optimizer, "optimizer")));
        ema = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(ema, "ema")));
        state = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(state, "state")));
        Objects.requireNonNull(configYaml, "configYaml");
    }

    /** The weights to sample with: the moving average when the run kept one, else the last parameters. */
    public Map<String, HostTensor> inferenceWeights() {
        return ema.isEmpty() ? params : ema;
    }
}
