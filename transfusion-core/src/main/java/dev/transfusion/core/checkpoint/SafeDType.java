package dev.transfusion.core.checkpoint;

import dev.transfusion.tensor.DType;
import java.nio.ByteBuffer;
import java.util.Optional;

/**
 * The safetensors element types this project reads. F32/I32/BOOL map one to one onto {@link DType}; the other
 * float types are widened or narrowed to float32 and the other integer types to int32 on reading, so weights saved
 * by PyTorch in half precision or int64 still load.
 */
enum SafeDType {
    F32(4, DType.FLOAT32),
    I32(4, DType.INT32),
    BOOL(1, DType.BOOL),
    F16(2, DType.FLOAT32),
    BF16(2, DType.FLOAT32),
    F64(8, DType.FLOAT32),
    I64(8, DType.INT32),
    I16(2, DType.INT32),
    I8(1, DType.INT32),
    U8(1, DType.INT32);

    final int bytes;
    final DType target;

    SafeDType(int bytes, DType target) {
        this.bytes = bytes;
        this.target = target;
    }

    /** The safetensors type a tensor of {@code dtype} is written as. */
    static SafeDType of(DType dtype) {
        return switch (dtype) {
            case FLOAT32 -> F32;
            case INT32 -> I32;
            case BOOL -> BOOL;
        };
    }

    /** The type named {@code name} in a header, if supported. */
    static Optional<SafeDType> parse(String name) {
        for (SafeDType t : values()) {
            if (t.name().equals(name)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    /** Decodes {@code n} little-endian floats of this type into float32. */
    float[] decodeFloats(ByteBuffer b, int n) {
        float[] out = new float[n];
        switch (this) {
            case F32 -> b.asFloatBuffer().get(out);
            case F64 -> {
                for (int i = 0; i < n; i++) {
                    out[i] = (float) b.getDouble(i * 8);
                }
            }
            case BF16 -> {
                for (int i = 0; i < n; i++) {
                    out[i] = Float.intBitsToFloat((b.getShort(i * 2) & 0xffff) << 16);
                }
            }
            case F16 -> {
                for (int i = 0; i < n; i++) {
                    out[i] = halfToFloat(b.getShort(i * 2));
                }
            }
            default -> throw new IllegalStateException(this + " is not a float type");
        }
        return out;
    }

    /** Decodes {@code n} little-endian integers of this type into int32; returns null if an int64 does not fit. */
    int[] decodeInts(ByteBuffer b, int n) {
        int[] out = new int[n];
        switch (this) {
            case I32 -> b.asIntBuffer().get(out);
            case I64 -> {
                for (int i = 0; i < n; i++) {
                    long v = b.getLong(i * 8);
                    if (v != (int) v) {
                        return null;
                    }
                    out[i] = (int) v;
                }
            }
            case I16 -> {
                for (int i = 0; i < n; i++) {
                    out[i] = b.getShort(i * 2);
                }
            }
            case I8 -> {
                for (int i = 0; i < n; i++) {
                    out[i] = b.get(i);
                }
            }
            case U8 -> {
                for (int i = 0; i < n; i++) {
                    out[i] = b.get(i) & 0xff;
                }
            }
            case BOOL -> {
                for (int i = 0; i < n; i++) {
                    out[i] = b.get(i) != 0 ? 1 : 0;
                }
            }
            default -> throw new IllegalStateException(this + " is not an integer type");
        }
        return out;
    }

    /** IEEE 754 binary16 → binary32, including subnormals, infinities and NaN. */
    static float halfToFloat(short h) {
        int sign = (h >>> 15) & 1;
        int exp = (h >>> 10) & 0x1f;
        int mant = h & 0x3ff;
        float magnitude;
        if (exp == 0) {
            magnitude = mant * 0x1p-24f;
        } else if (exp == 0x1f) {
            magnitude = mant == 0 ? Float.POSITIVE_INFINITY : Float.NaN;
        } else {
            magnitude = Float.intBitsToFloat(((exp - 15 + 127) << 23) | (mant << 13));
        }
        return sign == 1 ? -magnitude : magnitude;
    }
}
