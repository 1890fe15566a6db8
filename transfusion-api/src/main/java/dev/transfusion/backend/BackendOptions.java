package dev.transfusion.backend;

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
}
