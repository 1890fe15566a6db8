package dev.transfusion.backend.tf;

import dev.transfusion.tensor.Tensor;
import dev.transfusion.tensor.ops.ComposedNnOps;
import dev.transfusion.tensor.ops.Ops;
import java.util.List;
import java.util.Objects;
import org.tensorflow.Operand;
import org.tensorflow.op.linalg.MatMul;
import org.tensorflow.op.train.BatchMatMul;
import org.tensorflow.types.TFloat32;

/**
 * Neural-network ops: the composed ones from {@link ComposedNnOps}, TF's fused softmax/log-softmax kernels on the
 * last axis, matmul with transposed operands for linear and attention, and convolutions on TF's NHWC CPU kernels
 * (inputs are transposed from and back to PyTorch's NCHW; weights from PyTorch's layouts).
 */
final class TfNnOps extends ComposedNnOps {
    private final TfTrace t;

    TfNnOps(Ops ops, TfTrace trace) {
        super(ops);
        this.t = Objects.requireNonNull(trace, "trace");
    }

    private Operand<TFloat32> fl(Tensor x) {
        return t.floatOp(Objects.requireNonNull(x, "x"));
    }

    @Override
    public Tensor softmax(Tensor x, int axis) {
        if (x.shape().normalizeAxis(axis) != x.rank() - 1) {
            return super.softmax(x, axis);
        }
        return lastAxis2d(x, o -> t.tf().nn.softmax(o));
    }

    @Override
    public Tensor logSoftmax(Tensor x, int axis) {
        if (x.shape().normalizeAxis(axis) != x.rank() - 1) {
            return super.logSoftmax(x, axis);
        }
        return lastAxis2d(x, o -> t.tf().nn.logSoftmax(o));
    }

    /**
     * Applies a fused last-axis kernel on a (rows, last) view: TF's C++ LogSoftmax gradient sums over axis 1, so
     * it is only right for rank-2 inputs.
     */
    private Tensor lastAxis2d(Tensor x, java.util.function.UnaryOperator<Operand<TFloat32>> kernel) {
        if (x.rank() == 2) {
            return t.wrap(kernel.apply(fl(x)));
        }
        long[] dims = x.shape().dims();
        Tensor flat = ops().shape().reshape(x, -1, x.dim(-1)); // (rows, last)
        return ops().shape().reshape(t.wrap(kernel.apply(fl(flat))), dims);
    }

    @Override
    public Tensor linear(Tensor x, Tensor w, Tensor b) {
        Objects.requireNonNull(w, "w");
        if (w.rank() != 2 || x.dim(-1) != w.dim(1)) {
            throw new IllegalArgumentException("linear: input " + x.shape() + " does not match weight " + w.shape()
                    + " (expected (out, in) with in = " + x.dim(-1) + ")");
        }
        long[] dims = x.shape().dims();
        Tensor flat = x.rank() == 2 ? x : ops().shape().reshape(x, -1, x.dim(-1)); // (N, in)
        Tensor y = t.wrap(t.tf().linalg.matMul(fl(flat), fl(w), MatMul.transposeB(true))); // (N, out)
        if (b != null) {
            y = ops().math().add(y, b);
        }
        dims[dims.length - 1] = w.dim(0);
        return x.rank() == 2 ? y : ops().shape().reshape(y, dims);
    }

    @Override
    public Tensor attention(Tensor q, Tensor k, Tensor v, Tensor mask, double scale) {
        Objects.requireNonNull(q, "q");
        Objects.requireNonNull(k, "k");
        Objects.requireNonNull(v, "v");
        if (q.rank() != 4 || k.rank() != 4 || v.rank() != 4 || q.dim(-1) != k.dim(-1) || k.dim(2) != v.dim(2)) {
            throw new IllegalArgumentException("attention needs q (B,H,T,D), k and v (B,H,S,D); got " + q.shape() + ", "
                    + k.shape() + ", " + v.shape());
        }
        Tensor scores = t.wrap(t.tf().train.batchMatMul(fl(q), fl(k), TFloat32.class, BatchMatMul.adjY(true)));
        scores = ops().math().mul(scores, scale); // (B,H,T,S)
        if (mask != null) {
            scores = ops().math().add(scores, mask);
        }
        return ops().math().matmul(softmax(scores, -1), v); // (B,H,T,D)
    }

    @Override
    public Tensor conv2d(Tensor x, Tensor w, Tensor b, int stride, int padding) {
        Objects.requireNonNull(x, "x");
        Objects.requireNonNull(w, "w");
        if (x.rank() != 4 || w.rank() != 4 || x.dim(1) != w.dim(1)) {
            throw new IllegalArgumentException("conv2d needs x (N,C,H,W) and w (O,C,kh,kw); got " + x.shape() + " and "
                    + w.shape());
        }
        checkConvArgs(stride, padding);
        Operand<TFloat32> nhwc = t.tf().linalg.transpose(fl(x), t.tf().constant(new int[] {0, 2, 3, 1})); // (N,H,W,C)
        if (padding > 0) {
            int p = padding;
            nhwc = t.tf().pad(nhwc, t.tf().constant(new int[][] {{0, 0}, {p, p}, {p, p}, {0, 0}}), t.tf().constant(0f));
        }
        Operand<TFloat32> hwio = t.tf().linalg.transpose(fl(w), t.tf().constant(new int[] {2, 3, 1, 0})); // (kh,kw,C,O)
        Operand<TFloat32> y = t.tf().nn.conv2d(nhwc, hwio, List.of(1L, (long) stride, (long) stride, 1L), "VALID");
        Tensor out = t.wrap(t.tf().linalg.transpose(y, t.tf().constant(new int[] {0, 3, 1, 2}))); // (N,O,H',W')
        return addChannelBias(out, b);
    }

    @Override
    public Tensor convTranspose2d(Tensor x, Tensor w, Tensor b, int stride, int padding) {
        Objects.requireNonNull(x, "x");
        Objects.requireNonNull(w, "w");
        if (x.rank() != 4 || w.rank() != 4 || x.dim(1) != w.dim(0)) {
            throw new IllegalArgumentException("convTranspose2d needs x (N,Cin,H,W) and w (Cin,Cout,kh,kw); got "
                    + x.shape() + " and " + w.shape());
        }
        checkConvArgs(stride, padding);
        long n = x.dim(0);
        long cout = w.dim(1);
        long fullH = (x.dim(2) - 1) * stride + w.dim(2);
        long fullW = (x.dim(3) - 1) * stride + w.dim(3);
        if (fullH - 2L * padding <= 0 || fullW - 2L * padding <= 0) {
            throw new IllegalArgumentException("convTranspose2d: padding " + padding + " leaves no output for " + x.shape()
                    + " and kernel " + w.shape());
        }
        Operand<TFloat32> nhwc = t.tf().linalg.transpose(fl(x), t.tf().constant(new int[] {0, 2, 3, 1})); // (N,H,W,Cin)
        Operand<TFloat32> filter = t.tf().linalg.transpose(fl(w), t.tf().constant(new int[] {2, 3, 1, 0})); // (kh,kw,Cout,Cin)
        int[] sizes = {Math.toIntExact(n), Math.toIntExact(fullH), Math.toIntExact(fullW), Math.toIntExact(cout)};
        Operand<TFloat32> full = t.tf().nn.conv2dBackpropInput(t.tf().constant(sizes), filter, nhwc,
                List.of(1L, (long) stride, (long) stride, 1L), "VALID"); // (N,fullH,fullW,Cout)
        if (padding > 0) {
            long p = padding;
            full = t.tf().slice(full, t.ints(0, p, p, 0),
                    t.ints(n, fullH - 2 * p, fullW - 2 * p, cout));
        }
        Tensor out = t.wrap(t.tf().linalg.transpose(full, t.tf().constant(new int[] {0, 3, 1, 2}))); // (N,Cout,H',W')
        return addChannelBias(out, b);
    }

    private Tensor addChannelBias(Tensor out, Tensor b) {
        if (b == null) {
            return out;
        }
        if (b.rank() != 1 || b.dim(0) != out.dim(1)) {
            throw new IllegalArgumentException("conv bias must be (" + out.dim(1) + "), got " + b.shape());
        }
        return ops().math().add(out, ops().shape().reshape(b, 1, b.dim(0), 1, 1));
    }

    private static void checkConvArgs(int stride, int padding) {
        if (stride < 1 || padding < 0) {
            throw new IllegalArgumentException("conv stride must be >= 1 and padding >= 0, got " + stride + ", " + padding);
        }
    }
}
