package dev.transfusion.core.generate;

import dev.transfusion.backend.Env;
import dev.transfusion.backend.TensorFunction;
import dev.transfusion.core.model.KvCache;
import dev.transfusion.core.model.Transformer;
import dev.transfusion.core.model.TransfusionModel;
import dev.transfusion.modality.EncodedImages;
import dev.transfusion.tensor.Tensor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One decoding step over a KV cache, as a program: new text tokens ({@link Mode#TEXT}, inputs {@code tokens (B, T)})
 * or one whole image ({@link Mode#IMAGE}, inputs {@code noisy (B, C, h, w)} and {@code time (B)}) attend to the
 * cache and to themselves. Inputs also hold {@code rope_cos/sin (B, 1, T, D/2)}, {@code mask (B, 1, T, S)},
 * {@code slot_source (S)}, {@code slot_is_new (1, 1, S, 1)} and {@code k.i, v.i (B, H, S, D)} per layer. Outputs
 * {@code logits (B, T, V)}, in image mode also {@code prediction (B, C, h, w)}, and the updated {@code k.i, v.i}.
 */
public final class CachedForward implements TensorFunction {
    /** What the new positions hold. */
    public enum Mode { TEXT, IMAGE }

    private final TransfusionModel model;
    private final Mode mode;

    /** A step of {@code mode} for {@code model}. */
    public CachedForward(TransfusionModel model, Mode mode) {
        this.model = model;
        this.mode = mode;
    }

    @Override
    public Map<String, Tensor> apply(Env env, Map<String, Tensor> in) {
        Tensor x;
        EncodedImages enc = null;
        Tensor timeEmb = null;
        if (mode == Mode.TEXT) {
            x = model.embedTokens(env, in.get("tokens")); // (B, T, dim)
        } else {
            timeEmb = model.embedTime(env, in.get("time"));
            enc = model.encodeImages(env, in.get("noisy"), timeEmb);
            x = enc.patches(); // (B, P, dim)
        }
        Transformer tf = model.transformer();
        List<KvCache> caches = new ArrayList<>();
        for (int i = 0; i < tf.dims().layers(); i++) {
            caches.add(new KvCache(in.get("k." + i), in.get("v." + i), in.get("slot_source"), in.get("slot_is_new")));
        }
        Transformer.Output o = tf.forward(env, x, in.get("rope_cos"), in.get("rope_sin"), in.get("mask"), caches);
        Map<String, Tensor> out = new HashMap<>();
        out.put("logits", model.logits(env, o.hidden()));
        if (mode == Mode.IMAGE) {
            out.put("prediction", model.encoder().decode(env, o.hidden(), enc, timeEmb));
        }
        for (int i = 0; i < o.keys().size(); i++) {
            out.put("k." + i, o.keys().get(i));
            out.put("v." + i, o.values().get(i));
        }
        return out;
    }
}
