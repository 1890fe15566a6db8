package dev.transfusion.tensor.ops;

import dev.transfusion.tensor.Tensor;

/**
 * Neural-network ops. {@link ComposedNnOps} builds most of them from {@link MathOps} and {@link ShapeOps};
 * a backend overrides any of them with a fused kernel and must implement the convolutions.
 */
public interface NnOps {
    /** Softmax along {@code axis}. */
    Tensor softmax(Tensor x, int axis);

    /** Log-softmax along {@code axis}. */
    Tensor logSoftmax(Tensor x, int axis);

    /**
     * Per-position cross-entropy: {@code logits (..., V)} against int32 {@code targets (...)}; returns {@code (...)}.
     * Positions to ignore are masked by the caller (multiply by a 0/1 mask), so any target id in range is valid.
     */
    Tensor crossEntropy(Tensor logits, Tensor targets);

    /** RMSNorm over the last axis: {@code x / sqrt(mean(x^2) + eps) * weight}. */
    Tensor rmsNorm(Tensor x, Tensor weight, double eps);

    /** LayerNorm over the last axis with optional bias (null for none). */
    Tensor layerNorm(Tensor x, Tensor weight, Tensor bias, double eps);

    /** GroupNorm over an NCHW tensor: channels split into {@code groups}, per-channel affine. */
    Tensor groupNorm(Tensor x, int groups, Tensor weight, Tensor bias, double eps);

    /** {@code x * sigmoid(x)}. */
    Tensor silu(Tensor x);

    /** Exact (erf) GELU. */
    Tensor gelu(Tensor x);

    /** {@code x @ w^T + b} with PyTorch's {@code (out, in)} weight layout; {@code b} may be null. */
    Tensor linear(Tensor x, Tensor w, Tensor b);

    /**
     * 2-D convolution, NCHW input, {@code (out, in, kh, kw)} weight, symmetric zero padding; {@code b} may be null.
     */
    Tensor conv2d(Tensor x, Tensor w, Tensor b, int stride, int padding);

    /**
     * Transposed 2-D convolution, NCHW input, PyTorch's {@code (in, out, kh, kw)} weight; output size
     * {@code (H-1)*stride - 2*padding + kh}. {@code b} may be null.
     */
    Tensor convTranspose2d(Tensor x, Tensor w, Tensor b, int stride, int padding);

    /** Nearest-neighbour upsampling of an NCHW tensor by an integer factor. */
    Tensor upsampleNearest2d(Tensor x, int factor);

    /** Average pooling of an NCHW tensor with a square window equal to the stride. */
    Tensor avgPool2d(Tensor x, int factor);

    /**
     * Scaled dot-product attention: {@code q (B,H,T,D)}, {@code k, v (B,H,S,D)}, additive float {@code mask}
     * broadcastable to {@code (B,H,T,S)} (0 = attend, large negative = blocked; null for none). Returns
     * {@code (B,H,T,D)}.
     */
    Tensor attention(Tensor q, Tensor k, Tensor v, Tensor mask, double scale);

    /**
     * Rotary position embedding in the rotate-half convention: {@code x (B,H,T,D)}, {@code cos, sin (T, D/2)} or
     * broadcastable {@code (B,1,T,D/2)}.
     */
    Tensor rope(Tensor x, Tensor cos, Tensor sin);

    /** Inverted dropout with rate {@code p}, seeded by an int32[2] tensor; identity when {@code p == 0}. */
    Tensor dropout(Tensor x, double p, Tensor seed);
}
