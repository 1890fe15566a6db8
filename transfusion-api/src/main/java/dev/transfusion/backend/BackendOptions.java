package dev.transfusion.backend;

import dev.transfusion.plugin.ComponentSpec;
import dev.transfusion.tensor.Device;
import java.util.Objects;

/** How to create a backend: the device and the number of intra-op threads (0 = the library's default). */
public record BackendOptions(Device device, int threads) {
    public BackendOptions {
        Objects.requireNonNull(device, "device");
        if (threads < 0) {
            throw new IllegalArgumentException("threads must be >= 0, got " + threads);
        }
    }

    /** CPU with default threads. */
    public static BackendOptions cpu() {
        return new BackendOptions(Device.CPU, 0);
    }

    /** The options a backend spec gives: {@code device} ({@code cpu} or {@code gpu:N}, default cpu), {@code threads}. */
    public static BackendOptions from(ComponentSpec spec) {
        spec.requireOnly("device", "threads");
        String device = spec.getString("device", "cpu");
        Device parsed;
        try {
            parsed = Device.parse(device);
        } catch (IllegalArgumentException e) {
            throw spec.error("device", "expected cpu, gpu or gpu:N, got '" + device + "'");
        }
        return new BackendOptions(parsed, spec.getInt("threads", 0, 0, 4096));
    }
}
