package dev.transfusion.backend.contract;

import dev.transfusion.tensor.HostTensor;
import dev.transfusion.tensor.Shape;
import java.util.Arrays;
import java.util.List;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;

/** Plain-Java reference implementations of the tensor ops (row-major float arrays, computed in double). */
final class Ref {
    private Ref() {
    }

    /** Row-major strides of {@code dims}. */
    static int[] strides(int[] dims) {
        int[] s = new int[dims.length];
        int acc = 1;
        for (int i = dims.length - 1; i >= 0; i--) {
            s[i] = acc;
            acc *= dims[i];
        }
        return s;
    }

    /** Multi-index of flat position {@code flat}. */
    static int[] unravel(int flat, int[] dims) {
        int[] idx = new int[dims.length];
        for (int i = dims.length - 1; i >= 0; i--) {
            idx[i] = flat % dims[i];
            flat /= dims[i];
        }
        return idx;
    }

    /** Flat position of a multi-index, broadcasting size-1 dims of {@code dims} (aligned to the right). */
    static int ravelBroadcast(int[] idx, int[] dims) {
        int off = idx.length - dims.length;
        int flat = 0;
        for (int i = 0; i < dims.length; i++) {
            flat = flat * dims[i] + (dims[i] == 1 ? 0 : idx[i + off]);
        }
        return flat;
    }

    /** NumPy broadcast of two shapes. */
    static int[] broadcast(int[] a, int[] b) {
        int n = Math.max(a.length, b.length);
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            int da = i - (n - a.length) >= 0 ? a[i - (n - a.length)] : 1;
            int db = i - (n - b.length) >= 0 ? b[i - (n - b.length)] : 1;
            if (da != db && da != 1 && db != 1) {
                throw new IllegalArgumentException("cannot broadcast " + Arrays.toString(a) + " and " + Arrays.toString(b));
            }
            out[i] = Math.max(da, db);
        }
        return out;
    }

    /** Every element of {@code t} as a double, in row-major order. */
    static double[] doubles(HostTensor t) {
        double[] d = new double[(int) t.shape().size()];
        for (int i = 0; i < d.length; i++) {
            d[i] = t.get(i);
        }
        return d;
    }

    static HostTensor floats(int[] dims, double[] d) {
        float[] f = new float[d.length];
        for (int i = 0; i < d.length; i++) {
            f[i] = (float) d[i];
        }
        return HostTensor.floats(Shape.of(dims), f);
    }

    static HostTensor unary(HostTensor a, DoubleUnaryOperator f) {
        double[] out = new double[(int) a.shape().size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = f.applyAsDouble(a.get(i));
        }
        return floats(a.shape().intDims(), out);
    }

    static HostTensor binary(HostTensor a, HostTensor b, DoubleBinaryOperator f) {
        int[] da = a.shape().intDims();
        int[] db = b.shape().intDims();
        int[] out = broadcast(da, db);
        double[] r = new double[size(out)];
        for (int i = 0; i < r.length; i++) {
            int[] idx = unravel(i, out);
            r[i] = f.applyAsDouble(a.get(ravelBroadcast(idx, da)), b.get(ravelBroadcast(idx, db)));
        }
        return floats(out, r);
    }

    static HostTensor broadcastTo(HostTensor a, int[] dims) {
        int[] da = a.shape().intDims();
        double[] r = new double[size(dims)];
        for (int i = 0; i < r.length; i++) {
            r[i] = a.get(ravelBroadcast(unravel(i, dims), da));
        }
        return floats(dims, r);
    }

    static int size(int[] dims) {
        int s = 1;
        for (int d : dims) {
            s *= d;
        }
        return s;
    }

    /** Reduction over {@code axes} (all when empty): kind is sum, mean or max. */
    static HostTensor reduce(HostTensor a, String kind, boolean keep, int... axes) {
        int[] dims = a.shape().intDims();
        boolean[] red = new boolean[dims.length];
        if (axes.length == 0) {
            Arrays.fill(red, true);
        }
        for (int ax : axes) {
            red[ax < 0 ? ax + dims.length : ax] = true;
        }
        int[] kd = dims.clone();
        int count = 1;
        for (int i = 0; i < dims.length; i++) {
            if (red[i]) {
                kd[i] = 1;
                count *= dims[i];
            }
        }
        double[] acc = new double[size(kd)];
        if (kind.equals("max")) {
            Arrays.fill(acc, Double.NEGATIVE_INFINITY);
        }
        for (int i = 0; i < size(dims); i++) {
            int[] idx = unravel(i, dims);
            for (int k = 0; k < dims.length; k++) {
                if (red[k]) {
                    idx[k] = 0;
                }
            }
            int o = ravelBroadcast(idx, kd);
            acc[o] = kind.equals("max") ? Math.max(acc[o], a.get(i)) : acc[o] + a.get(i);
        }
        if (kind.equals("mean")) {
            for (int i = 0; i < acc.length; i++) {
                acc[i] /= count;
            }
        }
        if (keep) {
            return floats(kd, acc);
        }
        int[] od = java.util.stream.IntStream.range(0, dims.length).filter(i -> !red[i]).map(i -> dims[i]).toArray();
        return floats(od, acc);
    }

    /** Batched matmul over the last two axes with broadcast leading axes. */
    static HostTensor matmul(HostTensor a, HostTensor b) {
        int[] da = a.shape().intDims();
        int[] db = b.shape().intDims();
        int r = da.length;
        int m = da[r - 2];
        int k = da[r - 1];
        int n = db[r - 1];
        int[] batchA = Arrays.copyOf(da, r - 2);
        int[] batchB = Arrays.copyOf(db, r - 2);
        int[] batch = broadcast(batchA, batchB);
        int[] out = Arrays.copyOf(batch, r);
        out[r - 2] = m;
        out[r - 1] = n;
        double[] res = new double[size(out)];
        for (int bi = 0; bi < size(batch); bi++) {
            int[] bidx = unravel(bi, batch);
            int oa = ravelBroadcast(bidx, batchA) * m * k;
            int ob = ravelBroadcast(bidx, batchB) * k * n;
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    double s = 0;
                    for (int t = 0; t < k; t++) {
                        s += a.get(oa + i * k + t) * b.get(ob + t * n + j);
                    }
                    res[bi * m * n + i * n + j] = s;
                }
            }
        }
        return floats(out, res);
    }

    static HostTensor transpose(HostTensor a, int... perm) {
        int[] dims = a.shape().intDims();
        int[] out = new int[dims.length];
        for (int i = 0; i < perm.length; i++) {
            out[i] = dims[perm[i]];
        }
        double[] r = new double[size(out)];
        int[] st = strides(dims);
        for (int i = 0; i < r.length; i++) {
            int[] idx = unravel(i, out);
            int src = 0;
            for (int d = 0; d < perm.length; d++) {
                src += idx[d] * st[perm[d]];
            }
            r[i] = a.get(src);
        }
        return floats(out, r);
    }

    static HostTensor slice(HostTensor a, int axis, int start, int len) {
        int[] dims = a.shape().intDims();
        int ax = axis < 0 ? axis + dims.length : axis;
        int[] out = dims.clone();
        out[ax] = len;
        double[] r = new double[size(out)];
        for (int i = 0; i < r.length; i++) {
            int[] idx = unravel(i, out);
            idx[ax] += start;
            r[i] = a.get(ravelBroadcast(idx, dims));
        }
        return floats(out, r);
    }

    static HostTensor concat(List<HostTensor> parts, int axis) {
        int[] first = parts.get(0).shape().intDims();
        int ax = axis < 0 ? axis + first.length : axis;
        int[] out = first.clone();
        out[ax] = parts.stream().mapToInt(p -> p.shape().dimInt(ax)).sum();
        double[] r = new double[size(out)];
        for (int i = 0; i < r.length; i++) {
            int[] idx = unravel(i, out);
            int p = 0;
            while (idx[ax] >= parts.get(p).shape().dimInt(ax)) {
                idx[ax] -= parts.get(p).shape().dimInt(ax);
                p++;
            }
            r[i] = parts.get(p).get(ravelBroadcast(idx, parts.get(p).shape().intDims()));
        }
        return floats(out, r);
    }

    /** out = a.shape[:axis] + idx.shape + a.shape[axis+1:]. */
    static HostTensor gather(HostTensor a, HostTensor indices, int axis) {
        int[] dims = a.shape().intDims();
        int ax = axis < 0 ? axis + dims.length : axis;
        int[] id = indices.shape().intDims();
        int[] out = new int[dims.length - 1 + id.length];
        System.arraycopy(dims, 0, out, 0, ax);
        System.arraycopy(id, 0, out, ax, id.length);
        System.arraycopy(dims, ax + 1, out, ax + id.length, dims.length - ax - 1);
        double[] r = new double[size(out)];
        for (int i = 0; i < r.length; i++) {
            int[] o = unravel(i, out);
            int[] src = new int[dims.length];
            System.arraycopy(o, 0, src, 0, ax);
            src[ax] = (int) indices.get(ravelBroadcast(Arrays.copyOfRange(o, ax, ax + id.length), id));
            System.arraycopy(o, ax + id.length, src, ax + 1, dims.length - ax - 1);
            r[i] = a.get(ravelBroadcast(src, dims));
        }
        return floats(out, r);
    }

    /** Abramowitz-Stegun 7.1.26 erf (|error| < 1.5e-7). */
    static double erf(double x) {
        double t = 1 / (1 + 0.3275911 * Math.abs(x));
        double y = 1 - (((((1.061405429 * t - 1.453152027) * t) + 1.421413741) * t - 0.284496736) * t + 0.254829592)
                * t * Math.exp(-x * x);
        return x >= 0 ? y : -y;
    }
}
