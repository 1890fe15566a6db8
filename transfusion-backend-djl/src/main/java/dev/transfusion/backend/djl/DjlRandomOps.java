package dev.transfusion.backend.djl;

import static dev.transfusion.backend.djl.DjlTensor.nd;

import ai.djl.ndarray.types.DataType;
import ai.djl.pytorch.jni.JniUtils;
import dev.transfusion.tensor.Shape;
import dev.transfusion.tensor.Tensor;
import dev.transfusion.tensor.ops.RandomOps;
import java.util.Objects;

/**
 * Seeded random numbers from PyTorch's generator. DJL is eager, so the int32[2] seed is read in Java, the global
 * generator is seeded with it and drawn from under one lock: the same seed always gives the same numbers.
 */
final class DjlRandomOps implements RandomOps {
    private static final Object LOCK = new Object();
    private static final long NORMAL_STREAM = 0x2545F4914F6CDD1DL;
    private static final long UNIFORM_STREAM = 0x9E3779B97F4A7C15L;
    private final DjlOps ops;

    DjlRandomOps(DjlOps ops) {
        this.ops = ops;
    }

    @Override
    public Tensor normal(Shape shape, Tensor seed) {
        Objects.requireNonNull(shape, "shape");
        synchronized (LOCK) {
            JniUtils.setSeed(seedOf(seed, NORMAL_STREAM));
            return ops.wrap(ops.manager().randomNormal(0f, 1f, DjlTypes.djl(shape), DataType.FLOAT32));
        }
    }

    @Override
    public Tensor uniform(Shape shape, Tensor seed) {
        Objects.requireNonNull(shape, "shape");
        synchronized (LOCK) {
            JniUtils.setSeed(seedOf(seed, UNIFORM_STREAM));
            return ops.wrap(ops.manager().randomUniform(0f, 1f, DjlTypes.djl(shape), DataType.FLOAT32));
        }
    }

    /** Reads the int32[2] seed and mixes it with a per-distribution stream constant (SplitMix64 finaliser). */
    static long seedOf(Tensor seed, long stream) {
        Objects.requireNonNull(seed, "seed");
        if (seed.shape().size() != 2) {
            throw new IllegalArgumentException("random seed must be an int32 tensor of shape [2], got " + seed.shape());
        }
        int[] s = nd(seed).toType(DataType.INT32, false).toIntArray();
        long z = (((long) s[0]) << 32 | (s[1] & 0xffffffffL)) + stream;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return (z ^ (z >>> 31)) & Long.MAX_VALUE;
    }
}
