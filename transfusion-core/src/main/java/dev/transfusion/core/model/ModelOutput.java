package dev.transfusion.core.model;

import dev.transfusion.backend.Env;
import dev.transfusion.modality.EncodedImages;
import dev.transfusion.tensor.Tensor;
import java.util.List;

/**
 * The result of one {@link TransfusionModel#forward forward pass}: the transformer's hidden states and caches, and
 * the two heads, which run only when asked for (each call adds the head's ops to the program).
 */
public final class ModelOutput {
    private final Env env;
    private final TransfusionModel model;
    private final Transformer.Output stack;
    private final EncodedImages images;
    private final Tensor timeEmb;
    private final Tensor patchRows;

    /**
     * {@code images}/{@code timeEmb} are null for a text-only pass; {@code patchRows} is null when every position is
     * a patch.
     */
    ModelOutput(Env env, TransfusionModel model, Transformer.Output stack, EncodedImages images, Tensor timeEmb,
                Tensor patchRows) {
        this.env = env;
        this.model = model;
        this.stack = stack;
        this.images = images;
        this.timeEmb = timeEmb;
        this.patchRows = patchRows;
    }

    /** Normalised hidden states {@code (B, T, dim)}. */
    public Tensor hidden() {
        return stack.hidden();
    }

    /** Each layer's keys after the pass (with caches: the updated caches). */
    public List<Tensor> keys() {
        return stack.keys();
    }

    /** Each layer's values after the pass (with caches: the updated caches). */
    public List<Tensor> values() {
        return stack.values();
    }

    /** LM logits at every position {@code (B, T, V)}. */
    public Tensor logits() {
        return model.lmHead(env, stack.hidden());
    }

    /** LM logits at the flat positions {@code rows (N)} (row-major over {@code (B, T)}) only: {@code (N, V)}. */
    public Tensor logitsAt(Tensor rows) {
        return model.lmHead(env, model.rowsOf(env, stack.hidden(), rows));
    }

    /** The patch decoder's prediction for every image of the pass {@code (N, C, h, w)}; fails for text-only passes. */
    public Tensor prediction() {
        if (images == null) {
            throw new IllegalStateException("a text-only forward pass has no images to predict");
        }
        Tensor atPatches = patchRows == null ? stack.hidden() : model.rowsOf(env, stack.hidden(), patchRows);
        return model.patchHead(env, atPatches, images, timeEmb);
    }
}
