package dev.transfusion.backend.tf;

import dev.transfusion.tensor.Device;
import org.tensorflow.DeviceSpec;
import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.proto.ConfigProto;

/** Device checks and placement: {@code cpu}, or {@code gpu:N} when the native library was built with CUDA. */
final class TfDevices {
    /** The artifact that brings CUDA kernels. */
    static final String GPU_ARTIFACT = "org.tensorflow:tensorflow-core-native:1.1.0:linux-x86_64-gpu";

    private TfDevices() {
    }

    /**
     * Fails with an {@link IllegalArgumentException} naming the device and the devices TensorFlow found when
     * {@code device} is not present; probes by placing one op on it without soft placement.
     */
    static void check(Device device) {
        if (device.kind() == Device.Kind.CPU) {
            return;
        }
        try (Graph g = new Graph()) {
            Ops tf = place(Ops.create(g), device);
            var probe = tf.math.add(tf.constant(1f), tf.constant(1f));
            ConfigProto strict = ConfigProto.newBuilder().setAllowSoftPlacement(false).build();
            try (Session s = new Session(g, strict); Result r = s.runner().fetch(probe).run()) {
                r.size();
            }
        } catch (RuntimeException e) {
            if (!TfErrors.fromTensorFlow(e)) {
                throw e;
            }
            throw new IllegalArgumentException("device " + device + " is not available to TensorFlow: "
                    + firstLine(e.getMessage()) + " (a GPU needs " + GPU_ARTIFACT + " instead of the CPU natives)", e);
        }
    }

    /** {@code tf} with ops placed on {@code device} (CPU placement is left to TensorFlow). */
    static Ops place(Ops tf, Device device) {
        if (device.kind() == Device.Kind.CPU) {
            return tf;
        }
        return tf.withDevice(DeviceSpec.newBuilder().deviceType(DeviceSpec.DeviceType.GPU)
                .deviceIndex(device.index()).build());
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "no details";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
