package dev.transfusion.cli.bench;

import dev.transfusion.backend.Env;
import dev.transfusion.backend.TensorFunction;
import dev.transfusion.core.generate.DecodeKeys;
import dev.transfusion.core.model.BatchKeys;
import dev.transfusion.core.model.ModelInput;
import dev.transfusion.core.model.TransfusionModel;
import dev.transfusion.sequence.AttentionMask;
import dev.transfusion.tensor.HostTensor;
import dev.transfusion.tensor.Shape;
import dev.transfusion.tensor.Tensor;
import java.util.Map;
import java.util.Objects;

/**
 * Decoding without a KV cache: one full forward over the whole text sequence so far, padded to a fixed length L so a
 * graph backend traces it once. Inputs {@link BatchKeys#TOKENS} {@code (1, L)} int32, {@link BatchKeys#MASK}
 * {@code (1, 1, L, L)} (causal, padding keys blocked), {@link BatchKeys#ROPE_COS}/{@link BatchKeys#ROPE_SIN}
 * {@code (L, D/2)} and {@link #POSITION} {@code (1)} int32, the last real position; output {@link DecodeKeys#LOGITS}
 * {@code (1, V)} at that position (only its row goes through the LM head).
 */
final class PaddedForward implements TensorFunction {
    /** Input: {@code (1)} int32, the position whose logits the program returns. */
    static final String POSITION = "position";

    private final TransfusionModel model;

    /** The full recomputation of {@code model}. */
    PaddedForward(TransfusionModel model) {
        this.model = Objects.requireNonNull(model, "model");
    }

    @Override
    public Map<String, Tensor> apply(Env env, Map<String, Tensor> in) {
        ModelInput text = new ModelInput(new ModelInput.Text(in.get(BatchKeys.TOKENS)), in.get(BatchKeys.ROPE_COS),
                in.get(BatchKeys.ROPE_SIN), in.get(BatchKeys.MASK), null);
        return Map.of(DecodeKeys.LOGITS, model.forward(env, text).logitsAt(in.get(POSITION))); // (1, V)
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
