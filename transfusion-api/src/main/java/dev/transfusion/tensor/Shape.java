package dev.transfusion.tensor;

import java.util.Arrays;

/** An immutable tensor shape; a scalar has rank 0. */
public final class Shape {
    private final long[] dims;

    private Shape(long[] dims) {
        for (long d : dims) {
            if (d < 0) {
                throw new IllegalArgumentException("negative dimension in shape " + Arrays.toString(dims));
            }
        }
        this.dims = dims;
    }

    /** Creates a shape from its dimensions. */
    public static Shape of(long... dims) {
        return new Shape(dims.clone());
    }

    /** Creates a shape from int dimensions. */
    public static Shape of(int... dims) {
        long[] l = new long[dims.length];
        for (int i = 0; i < dims.length; i++) {
            l[i] = dims[i];
        }
        return new Shape(l);
    }

    /** The rank-0 shape. */
    public static Shape scalar() {
        return new Shape(new long[0]);
    }

    /** Number of dimensions. */
    public int rank() {
        return dims.length;
    }

    /** Size of dimension {@code axis}; negative axes count from the end. */
    public long dim(int axis) {
        return dims[normalizeAxis(axis)];
    }

    /** Size of dimension {@code axis} as an int (throws if it does not fit). */
    public int dimInt(int axis) {
        return Math.toIntExact(dim(axis));
    }

    /** A copy of the dimensions. */
    public long[] dims() {
        return dims.clone();
    }

    /** The dimensions as ints. */
    public int[] intDims() {
        int[] r = new int[dims.length];
        for (int i = 0; i < dims.length; i++) {
            r[i] = Math.toIntExact(dims[i]);
        }
        return r;
    }

    /** Total number of elements. */
    public long size() {
        long s = 1;
        for (long d : dims) {
            s *= d;
        }
        return s;
    }

    /** Maps a possibly negative axis to {@code [0, rank)}. */
    public int normalizeAxis(int axis) {
        int a = axis < 0 ? axis + dims.length : axis;
        if (a < 0 || a >= dims.length) {
            throw new IllegalArgumentException("axis " + axis + " out of range for shape " + this);
        }
        return a;
    }

    /** This shape with dimension {@code axis} replaced. */
    public Shape with(int axis, long value) {
        long[] d = dims.clone();
        d[normalizeAxis(axis)] = value;
        return new Shape(d);
    }

    /** Dimensions {@code [from, to)} as a shape. */
    public Shape slice(int from, int to) {
        return new Shape(Arrays.copyOfRange(dims, from, to));
    }

    /** This shape followed by {@code other}. */
    public Shape concat(Shape other) {
        long[] d = Arrays.copyOf(dims, dims.length + other.dims.length);
        System.arraycopy(other.dims, 0, d, dims.length, other.dims.length);
        return new Shape(d);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Shape s && Arrays.equals(dims, s.dims);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(dims);
    }

    @Override
    public String toString() {
        return Arrays.toString(dims);
    }
}
