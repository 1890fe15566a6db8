package dev.transfusion.core.config;

import dev.transfusion.plugin.ComponentSpec;
import dev.transfusion.tensor.Device;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * {@code backend:} which backend runs the model. {@code type} may be null (choose by {@code -Dtransfusion.backend},
 * {@code TRANSFUSION_BACKEND}, then rank); {@code device} is {@code cpu} or {@code gpu:N}; {@code threads} 0 means
 * the library's default.
 */
public record BackendConfig(String type, String device, int threads) {
    public BackendConfig {
        Objects.requireNonNull(device, "device");
        try {
            Device.parse(device);
        } catch (IllegalArgumentException e) {
            throw new InvalidValueException("device", "expected cpu, gpu or gpu:N, got '" + device + "'");
        }
        if (type != null && type.isBlank()) {
            throw new InvalidValueException("type", "expected a backend name or null, got a blank string");
        }
        Checks.nonNegative("threads", threads);
    }

    /** The defaults: automatic backend, CPU, default threads. */
    public static BackendConfig defaults() {
        return new BackendConfig(null, "cpu", 0);
    }

    /** The parsed device. */
    public Device parsedDevice() {
        return Device.parse(device);
    }

    /**
     * The spec the chosen backend plugin is created from: {@code type} (this config's, or the one chosen when it
     * names none) with {@code device} and {@code threads}.
     */
    public ComponentSpec spec(String chosenType) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("device", device);
        params.put("threads", threads);
        return ComponentSpec.of("backend", chosenType, params);
    }
}
