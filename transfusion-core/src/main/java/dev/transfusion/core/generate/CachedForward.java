package dev.transfusion.core.generate;

import dev.transfusion.backend.Env;
import dev.transfusion.backend.TensorFunction;
import dev.transfusion.core.model.KvCache;
import dev.transfusion.core.model.ModelInput;
import dev.transfusion.core.model.ModelOutput;
import dev.transfusion.core.model.TransfusionModel;
import dev.transfusion.tensor.Tensor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One decoding step over a KV cache, as a program named by {@link DecodeKeys}: new text tokens ({@link Mode#TEXT})
 * or one whole image per row ({@link Mode#IMAGE}) attend to the cache and to themselves. Outputs the logits, in
 * image mode also the prediction, and every layer's updated cache.
 *
 * @param model the model whose forward pass the step runs
 * @param mode  what the new positions hold
 */
public record CachedForward(TransfusionModel model, Mode mode) implements TensorFunction {
    /** What the new positions hold. */
    public enum Mode { TEXT, IMAGE }

    /** A step of {@code mode} for {@code model}. */
    public CachedForward {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(mode, "mode");
    }

    @Override
    public Map<String, Tensor> apply(Env env, Map<String, Tensor> in) {
        ModelInput.Content content = mode == Mode.TEXT
                ? new ModelInput.Text(in.get(DecodeKeys.TOKENS))
                : new ModelInput.Images(in.get(DecodeKeys.NOISY), in.get(DecodeKeys.TIME));
        List<KvCache> caches = new ArrayList<>();
        for (int i = 0; i < model.dims().layers(); i++) {
            caches.add(new KvCache(in.get(DecodeKeys.keys(i)), in.get(DecodeKeys.values(i)),
                    in.get(DecodeKeys.SLOT_SOURCE), in.get(DecodeKeys.SLOT_IS_NEW)));
        }
        ModelOutput o = model.forward(env, new ModelInput(content, in.get(DecodeKeys.ROPE_COS),
                in.get(DecodeKeys.ROPE_SIN), in.get(DecodeKeys.MASK), caches));
        Map<String, Tensor> out = new HashMap<>();
        out.put(DecodeKeys.LOGITS, o.logits());
        if (mode == Mode.IMAGE) {
            out.put(DecodeKeys.PREDICTION, o.prediction());
        }
        for (int i = 0; i < o.keys().size(); i++) {
            out.put(DecodeKeys.keys(i), o.keys().get(i));
            out.put(DecodeKeys.values(i), o.values().get(i));
        }
        return out;
    }
}
