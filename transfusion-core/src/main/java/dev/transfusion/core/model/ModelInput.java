package dev.transfusion.core.model;

import dev.transfusion.tensor.Tensor;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What one forward pass of {@link TransfusionModel} runs over: the content of the positions, their rotary tables
 * {@code ropeCos/ropeSin}, the additive attention {@code mask}, and one {@link KvCache} per layer or null (no cache).
 */
public record ModelInput(Content content, Tensor ropeCos, Tensor ropeSin, Tensor mask, List<KvCache> caches) {
    public ModelInput {
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(ropeCos, "ropeCos");
        Objects.requireNonNull(ropeSin, "ropeSin");
        Objects.requireNonNull(mask, "mask");
        caches = caches == null ? null : List.copyOf(caches);
    }

    /** What the positions hold: text only, one image per row, or text and images packed together. */
    public sealed interface Content permits Text, Images, Packed {
    }

    /** Text tokens {@code (B, T)} int32 at every position. */
    public record Text(Tensor tokens) implements Content {
        public Text {
            Objects.requireNonNull(tokens, "tokens");
        }
    }

    /**
     * One whole image per row: latents {@code noisy (B, C, h, w)} at model time {@code time (B)}; the positions are
     * the image's P patches, and the patch decoder reads all of them.
     */
    public record Images(Tensor noisy, Tensor time) implements Content {
        public Images {
            Objects.requireNonNull(noisy, "noisy");
            Objects.requireNonNull(time, "time");
        }
    }

    /**
     * A packed batch (see {@link BatchKeys}): {@code tokens (B, L)}, images {@code noisy (NI, C, h, w)} at
     * {@code time (NI)}, {@code source (B, L)} choosing each position's row of {@code [text; patches]}, and
     * {@code patchRows (NI, P)} where the patch decoder reads.
     */
    public record Packed(Tensor tokens, Tensor noisy, Tensor time, Tensor source, Tensor patchRows)
            implements Content {
        public Packed {
            Objects.requireNonNull(tokens, "tokens");
            Objects.requireNonNull(noisy, "noisy");
            Objects.requireNonNull(time, "time");
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(patchRows, "patchRows");
        }
    }

    /** The full, uncached pass over a packed training batch named by {@link BatchKeys}. */
    public static ModelInput ofBatch(Map<String, Tensor> batch) {
        Packed packed = new Packed(batch.get(BatchKeys.TOKENS), batch.get(BatchKeys.NOISY), batch.get(BatchKeys.TIME),
                batch.get(BatchKeys.SOURCE), batch.get(BatchKeys.PATCH_ROWS));
        return new ModelInput(packed, batch.get(BatchKeys.ROPE_COS), batch.get(BatchKeys.ROPE_SIN),
                batch.get(BatchKeys.MASK), null);
    }
}
