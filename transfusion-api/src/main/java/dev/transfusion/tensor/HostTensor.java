package dev.transfusion.tensor;

import java.util.Arrays;
import java.util.Objects;

/**
 * A tensor value in Java memory: how data enters and leaves a backend (batches, parameters, checkpoints).
 * Float tensors hold a {@code float[]}; int32 and bool tensors hold an {@code int[]} (bool as 0/1).
 */
public final class HostTensor {
    private final Shape shape;
    private final DType dtype;
    private final float[] floats;
    private final int[] ints;

    private HostTensor(Shape shape, DType dtype, float[] floats, int[] ints) {
        this.shape = Objects.requireNonNull(shape, "shape");
        this.dtype = dtype;
        this.floats = floats;
        this.ints = ints;
        long n = floats != null ? floats.length : ints.length;
        if (n != shape.size()) {
            throw new IllegalArgumentException("data has " + n + " elements but shape " + shape + " needs " + shape.size());
        }
    }

    /** A float32 tensor over {@code data} (not copied). */
    public static HostTensor floats(Shape shape, float[] data) {
        return new HostTensor(shape, DType.FLOAT32, Objects.requireNonNull(data, "data"), null);
    }

    /** An int32 tensor over {@code data} (not copied). */
    public static HostTensor ints(Shape shape, int[] data) {
        return new HostTensor(shape, DType.INT32, null, Objects.requireNonNull(data, "data"));
    }

    /** A bool tensor over {@code data} given as 0/1 ints (not copied). */
    public static HostTensor bools(Shape shape, int[] data) {
        return new HostTensor(shape, DType.BOOL, null, Objects.requireNonNull(data, "data"));
    }

    /** A float32 scalar. */
    public static HostTensor scalar(float value) {
        return floats(Shape.scalar(), new float[] {value});
    }

    /** A float32 tensor of zeros. */
    public static HostTensor zeros(Shape shape) {
        return floats(shape, new float[Math.toIntExact(shape.size())]);
    }

    /** The shape. */
    public Shape shape() {
        return shape;
    }

    /** The element type. */
    public DType dtype() {
        return dtype;
    }

    /** The float data (float32 only; live, not a copy). */
    public float[] floats() {
        if (floats == null) {
            throw new IllegalStateException("tensor is " + dtype + ", not FLOAT32");
        }
        return floats;
    }

    /** The int data (int32 or bool; live, not a copy). */
    public int[] ints() {
        if (ints == null) {
            throw new IllegalStateException("tensor is " + dtype + ", not INT32/BOOL");
        }
        return ints;
    }

    /** The only element of a one-element tensor, as a double. */
    public double item() {
        if (shape.size() != 1) {
            throw new IllegalStateException("item() needs one element, shape is " + shape);
        }
        return floats != null ? floats[0] : ints[0];
    }

    /** Element {@code i} of the flat row-major data as a double. */
    public double get(int i) {
        return floats != null ? floats[i] : ints[i];
    }

    /** A deep copy. */
    public HostTensor copy() {
        return new HostTensor(shape, dtype, floats == null ? null : floats.clone(), ints == null ? null : ints.clone());
    }

    /** The same data viewed with another shape of equal size. */
    public HostTensor reshape(Shape newShape) {
        return new HostTensor(newShape, dtype, floats, ints);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HostTensor h && h.shape.equals(shape) && h.dtype == dtype
                && Arrays.equals(h.floats, floats) && Arrays.equals(h.ints, ints);
    }

    @Override
    public int hashCode() {
        return shape.hashCode() * 31 + dtype.hashCode();
    }

    @Override
    public String toString() {
        return "HostTensor" + shape + " " + dtype;
    }
}
