package dev.transfusion.backend.djl;

import static dev.transfusion.backend.djl.DjlTensor.nd;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.transfusion.tensor.Tensor;
import dev.transfusion.tensor.ops.ComposedNnOps;

/**
 * Neural-network ops: PyTorch's native softmax, log-softmax, layer norm, GELU, convolution and average pooling;
 * the transposed convolution as a convolution over a zero-dilated input; the rest composed.
 */
final class DjlNnOps extends ComposedNnOps {
    private final DjlOps ops;

    DjlNnOps(DjlOps ops) {
        super(ops);
        this.ops = ops;
    }

    @Override
    public Tensor softmax(Tensor x, int axis) {
        return ops.wrap(nd(x).softmax(DjlOps.axis("softmax", axis, x.rank())));
    }

    @Override
    public Tensor logSoftmax(Tensor x, int axis) {
        return ops.wrap(nd(x).logSoftmax(DjlOps.axis("logSoftmax", axis, x.rank())));
    }

    @Override
    public Tensor crossEntropy(Tensor logits, Tensor targets) {
        // logits (..., V), targets (...) -> -log p[target] (...)
        NDArray logp = nd(logits).logSoftmax(logits.rank() - 1);
        NDArray idx = nd(targets).toType(DataType.INT64, false).expandDims(targets.rank());
        return ops.wrap(logp.gather(idx, logits.rank() - 1).squeeze(logits.rank() - 1).neg());
    }

    @Override
    public Tensor layerNorm(Tensor x, Tensor weight, Tensor bias, double eps) {
        // x (..., C), weight/bias (C)
        NDArray w = nd(weight);
        NDArray b = bias == null ? ops.manager().zeros(w.getShape(), w.getDataType()) : nd(bias);
        Shape normalized = new Shape(x.dim(-1));
        return ops.wrap(nd(x).getNDArrayInternal().layerNorm(nd(x), normalized, w, b, (float) eps).singletonOrThrow());
    }

    @Override
    public Tensor groupNorm(Tensor x, int groups, Tensor weight, Tensor bias, double eps) {
        // DJL binds no group norm; PyTorch's native layer norm over each (sample, group) row computes the same
        // statistics in one fused kernel (and one backward), where the composed form takes a dozen elementwise passes
        if (x.rank() != 4) {
            throw new IllegalArgumentException("groupNorm needs NCHW input, got " + x.shape());
        }
        long n = x.dim(0);
        long c = x.dim(1);
        checkGroups(c, groups);
        NDArray rows = nd(x).reshape(n, groups, -1);
        Shape row = new Shape(rows.getShape().get(2));
        NDArray one = ops.manager().ones(row, rows.getDataType());
        NDArray zero = ops.manager().zeros(row, rows.getDataType());
        NDArray y = rows.getNDArrayInternal().layerNorm(rows, row, one, zero, (float) eps).singletonOrThrow()
                .reshape(nd(x).getShape());
        if (weight != null) {
            y = y.mul(nd(weight).reshape(1, c, 1, 1));
        }
        return ops.wrap(bias == null ? y : y.add(nd(bias).reshape(1, c, 1, 1)));
    }

    @Override
    public Tensor rope(Tensor x, Tensor cos, Tensor sin) {
        // x·[cos, cos] + [x2, x1]·[−sin, sin]: swapping the halves with a flip keeps the backward a flip too, where
        // slicing and concatenating allocate and zero-fill a gradient buffer per slice
        NDArray v = nd(x);
        Shape shape = v.getShape();
        long half = shape.get(shape.dimension() - 1) / 2;
        NDArray c = nd(cos);
        NDArray s = nd(sin);
        int last = c.getShape().dimension() - 1;
        NDArray cc = NDArrays.concat(new NDList(c, c), last);
        NDArray ss = NDArrays.concat(new NDList(s.neg(), s), last);
        long[] split = new long[shape.dimension() + 1];
        System.arraycopy(shape.getShape(), 0, split, 0, shape.dimension() - 1);
        split[split.length - 2] = 2;
        split[split.length - 1] = half;
        NDArray swapped = v.reshape(new Shape(split)).flip(split.length - 2).reshape(shape);
        return ops.wrap(v.mul(cc).add(swapped.mul(ss)));
    }

    @Override
    public Tensor gelu(Tensor x) {
        return ops.wrap(nd(x).getNDArrayInternal().gelu()); // PyTorch's default GELU is the exact erf form
    }

    @Override
    public Tensor linear(Tensor x, Tensor w, Tensor b) {
        // x (..., in) @ w^T (in, out) -> (..., out)
        NDArray y = nd(x).matMul(nd(w).transpose(1, 0));
        return ops.wrap(b == null ? y : y.add(nd(b)));
    }

    @Override
    public Tensor conv2d(Tensor x, Tensor w, Tensor b, int stride, int padding) {
        // x (N, Cin, H, W), w (Cout, Cin, kh, kw) -> (N, Cout, H', W')
        requireRank4("conv2d", x, w);
        NDArray bias = b == null ? null : nd(b);
        return ops.wrap(conv(nd(x), nd(w), bias, stride, padding));
    }

    @Override
    public Tensor convTranspose2d(Tensor x, Tensor w, Tensor b, int stride, int padding) {
        // x (N, Cin, H, W), w (Cin, Cout, kh, kw) -> (N, Cout, (H-1)*s - 2p + kh, (W-1)*s - 2p + kw)
        requireRank4("convTranspose2d", x, w);
        long kh = w.dim(2);
        long kw = w.dim(3);
        if (kh != kw) {
            throw new IllegalArgumentException("convTranspose2d: square kernels only, got " + w.shape());
        }
        NDArray dilated = dilate(nd(x), stride); // (N, Cin, (H-1)s+1, (W-1)s+1)
        NDArray flipped = nd(w).flip(2, 3).transpose(1, 0, 2, 3); // (Cout, Cin, kh, kw)
        long pad = kh - 1 - padding;
        NDArray y;
        if (pad >= 0) {
            y = conv(dilated, flipped, null, 1, (int) pad);
        } else {
            NDArray full = conv(dilated, flipped, null, 1, 0);
            long h = full.getShape().get(2);
            long wd = full.getShape().get(3);
            y = full.get(":, :, " + (-pad) + ":" + (h + pad) + ", " + (-pad) + ":" + (wd + pad));
        }
        if (b != null) {
            y = y.add(nd(b).reshape(1, -1, 1, 1));
        }
        return ops.wrap(y);
    }

    @Override
    public Tensor upsampleNearest2d(Tensor x, int factor) {
        // (N, C, H, W) -> (N, C, H*f, W*f) by repeat_interleave on both spatial axes
        return ops.wrap(nd(x).repeat(2, factor).repeat(3, factor));
    }

    @Override
    public Tensor avgPool2d(Tensor x, int factor) {
        Shape k = new Shape(factor, factor);
        return ops.wrap(nd(x).getNDArrayInternal().avgPool(k, k, new Shape(0, 0), false, true));
    }

    private NDArray conv(NDArray x, NDArray w, NDArray b, int stride, int padding) {
        if (!x.getDevice().isGpu()) {
            return convAsMatmul(x, w, b, stride, padding);
        }
        NDList out = x.getNDArrayInternal().convolution(x, w, b, new Shape(stride, stride),
                new Shape(padding, padding), new Shape(1, 1), 1);
        return out.singletonOrThrow();
    }

    /**
     * A convolution on the CPU as one matrix product over the input's k×k shifted views (im2col). libtorch's CPU
     * convolution runs oneDNN's JIT kernels, whose input gradient came back NaN now and then on an AMD EPYC with
     * AVX2 and AVX-512 alike (a tiny VAE skipped about one step in a hundred); slices and a GEMM have a backward of
     * slices and GEMMs, which was finite and repeatable in every call.
     */
    private static NDArray convAsMatmul(NDArray x, NDArray w, NDArray b, int stride, int padding) {
        Shape xs = x.getShape();
        Shape ws = w.getShape();
        long n = xs.get(0);
        long cin = xs.get(1);
        long cout = ws.get(0);
        int kh = (int) ws.get(2);
        int kw = (int) ws.get(3);
        long ho = (xs.get(2) + 2L * padding - kh) / stride + 1;
        long wo = (xs.get(3) + 2L * padding - kw) / stride + 1;
        NDArray cols;
        if (kh == 1 && kw == 1 && stride == 1 && padding == 0) {
            cols = x.reshape(n, cin, ho * wo);
        } else {
            NDArray padded = padding == 0 ? x : x.pad(new Shape(padding, padding, padding, padding), 0);
            NDList views = new NDList(kh * kw);
            for (int i = 0; i < kh; i++) {
                for (int j = 0; j < kw; j++) {
                    views.add(padded.get(":, :, " + i + ":" + (i + stride * (ho - 1) + 1) + ":" + stride + ", "
                            + j + ":" + (j + stride * (wo - 1) + 1) + ":" + stride));
                }
            }
            // (N, Cin, k·k, Ho, Wo): the row order of the weight (Cout, Cin, kh, kw) flattened
            cols = NDArrays.stack(views, 2).reshape(n, cin * kh * kw, ho * wo);
        }
        NDArray y = w.reshape(cout, cin * kh * kw).matMul(cols); // (N, Cout, Ho·Wo)
        if (b != null) {
            y = y.add(b.reshape(1, cout, 1));
        }
        return y.reshape(n, cout, ho, wo);
    }

    /** Inserts {@code stride - 1} zeros between neighbouring pixels: (N,C,H,W) -> (N,C,(H-1)s+1,(W-1)s+1). */
    private NDArray dilate(NDArray x, int stride) {
        if (stride == 1) {
            return x;
        }
        Shape s = x.getShape();
        long n = s.get(0);
        long c = s.get(1);
        long h = s.get(2);
        long w = s.get(3);
        NDArray y = x.reshape(n, c, h, 1, w, 1);
        y = NDArrays.concat(new NDList(y, ops.manager().zeros(new Shape(n, c, h, stride - 1, w, 1))), 3);
        y = NDArrays.concat(new NDList(y, ops.manager().zeros(new Shape(n, c, h, stride, w, stride - 1))), 5);
        y = y.reshape(n, c, h * stride, w * stride);
        return y.get(":, :, :" + ((h - 1) * stride + 1) + ", :" + ((w - 1) * stride + 1));
    }

    private static void requireRank4(String op, Tensor x, Tensor w) {
        if (x.rank() != 4 || w.rank() != 4) {
            throw new IllegalArgumentException(op + " needs NCHW input and a rank-4 weight, got " + x.shape() + " and "
                    + w.shape());
        }
    }
}
