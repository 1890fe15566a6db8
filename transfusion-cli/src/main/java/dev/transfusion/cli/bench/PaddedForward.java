package dev.transfusion.cli.bench;

import dev.transfusion.backend.Env;
import dev.transfusion.backend.TensorFunction;
import dev.transfusion.core.model.TransfusionModel;
import dev.transfusion.sequence.AttentionMask;
import dev.transfusion.tensor.HostTensor;
import dev.transfusion.tensor.Shape;
import dev.transfusion.tensor.Tensor;
import dev.transfusion.tensor.ops.Ops;
import java.util.Map;
import java.util.Objects;

/**
 * Decoding without a KV cache: one full forward over the whole text sequence so far, padded to a fixed length L so a
 * graph backend traces it once. Inputs {@code tokens (1, L)} int32, {@code mask (1, 1, L, L)} (causal, padding keys
 * blocked), {@code rope_cos/sin (L, D/2)} and {@code position (1)} int32, the last real position; output
 * {@code logits (1, V)} at that position (only its row goes through the LM head).
 */
final class PaddedForward implements TensorFunction {
    private final TransfusionModel model;

    /** The full recomputation of {@code model}. */
    PaddedForward(TransfusionModel model) {
        this.model = Objects.requireNonNull(model, "model");
    }

    @Override
    public Map<String, Tensor> apply(Env env, Map<String, Tensor> in) {
        Ops ops = env.ops();
        Tensor tokens = in.get("tokens");
        long length = tokens.dim(1);
        Tensor x = model.embedTokens(env, tokens); // (1, L, dim)
        Tensor h = model.transformer().forward(env, x, in.get("rope_cos"), in.get("rope_sin"), in.get("mask"), null)
                .hidden(); // (1, L, dim)
        Tensor flat = ops.shape().reshape(h, length, model.dims().dim()); // (L, dim)
        Tensor last = ops.shape().gather(flat, in.get("position"), 0); // (1, dim)
        return Map.of("logits", model.logits(env, last)); // (1, V)
    }

    /** The RoPE tables for positions {@code 0..length-1}: {@code cos, sin (L, D/2)}. */
    static HostTensor[] rope(TransfusionModel model, int length) {
        return model.dims().rotary().sequence(length);
    }

    /** The additive mask for {@code real} tokens padded to {@code length}: causal, and no query sees a padding key. */
    static HostTensor mask(int real, int length) {
        if (real < 1 || real > length) {
            throw new IllegalArgumentException("real length " + real + " must be in [1, " + length + "]");
        }
        float[] m = new float[length * length];
        for (int q = 0; q < length; q++) {
            for (int k = 0; k < length; k++) {
                if (k > q || k >= real) {
                    m[q * length + k] = AttentionMask.BLOCKED;
                }
            }
        }
        return HostTensor.floats(Shape.of(1, 1, length, length), m);
    }
}
