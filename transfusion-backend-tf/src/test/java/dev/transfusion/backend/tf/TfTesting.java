package dev.transfusion.backend.tf;

import dev.transfusion.backend.Backend;
import dev.transfusion.backend.CompiledFunction;
import dev.transfusion.backend.TensorFunction;
import dev.transfusion.plugin.ComponentSpec;
import dev.transfusion.plugin.PluginContext;
import dev.transfusion.tensor.HostTensor;
import dev.transfusion.tensor.Shape;
import java.nio.file.Path;
import java.util.Map;
import java.util.SplittableRandom;

/** Helpers shared by this module's tests. */
final class TfTesting {
    private TfTesting() {
    }

    /** A CPU backend with one intra-op thread (tests run on 2 shared cores). */
    static Backend backend() {
        return backend("cpu", 1);
    }

    /** A backend made the way the host makes one: the factory, from a {@code backend} spec. */
    static Backend backend(String device, int threads) {
        return new TfBackendFactory().create(ComponentSpec.of("backend", TfBackendFactory.NAME,
                Map.of("device", device, "threads", threads)), PluginContext.of(0, Path.of(".")));
    }

    /** Runs a program on Java values. */
    static Map<String, HostTensor> run(Backend b, Map<String, HostTensor> in, TensorFunction fn) {
        try (CompiledFunction c = b.compile("t", fn, null)) {
            return c.callHost(in);
        }
    }

    /** Uniform floats in [lo, hi) of the given shape. */
    static HostTensor rand(long seed, double lo, double hi, long... dims) {
        SplittableRandom r = new SplittableRandom(seed);
        Shape s = Shape.of(dims);
        float[] d = new float[Math.toIntExact(s.size())];
        for (int i = 0; i < d.length; i++) {
            d[i] = (float) (lo + (hi - lo) * r.nextDouble());
        }
        return HostTensor.floats(s, d);
    }

    /** A float tensor from values. */
    static HostTensor f(long[] dims, float... v) {
        return HostTensor.floats(Shape.of(dims), v);
    }

    /** Dimensions shortcut. */
    static long[] dims(long... d) {
        return d;
    }
}
