package dev.transfusion.backend.djl;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import dev.transfusion.tensor.Device;
import java.util.Objects;

/**
 * Loads DJL's PyTorch engine offline (the native library comes from the pytorch-native-cpu jar, never the network)
 * and maps transfusion devices to DJL devices.
 */
final class DjlEngine {
    /** DJL's engine name for PyTorch. */
    static final String ENGINE = "PyTorch";

    private DjlEngine() {
    }

    /** The PyTorch engine, loaded with {@code ai.djl.offline=true}; {@code threads > 0} sets intra-op threads. */
    static synchronized Engine load(int threads) {
        if (System.getProperty("ai.djl.offline") == null) {
            System.setProperty("ai.djl.offline", "true");
        }
        if (threads > 0 && System.getProperty("ai.djl.pytorch.num_threads") == null) {
            System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(threads));
        }
        Engine engine = Engine.getEngine(ENGINE);
        if (threads > 0 && JniUtils.getNumThreads() != threads) {
            JniUtils.setNumThreads(threads);
        }
        return engine;
    }

    /** True when the engine and its native library load on this machine. */
    static boolean available() {
        try {
            load(0);
            return true;
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    /** The DJL device for {@code device}; a GPU that is not present is an error naming what was found. */
    static ai.djl.Device resolve(Engine engine, Device device) {
        Objects.requireNonNull(device, "device");
        if (device.kind() == Device.Kind.CPU) {
            return ai.djl.Device.cpu();
        }
        int found = engine.getGpuCount();
        if (device.index() >= found) {
            throw new IllegalArgumentException(device + " requested but DJL/PyTorch sees " + found + " GPU"
                    + (found == 1 ? "" : "s") + "; use device cpu, or on a machine with a CUDA GPU replace"
                    + " ai.djl.pytorch:pytorch-native-cpu with a CUDA build (pytorch-native-cu1xx, see"
                    + " transfusion-backend-djl/README.md)");
        }
        return ai.djl.Device.gpu(device.index());
    }
}
