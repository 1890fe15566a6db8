package dev.transfusion.core.sequence;

import dev.transfusion.tensor.HostTensor;
import java.util.Objects;

/** One piece of a document: text token ids (specials included) or one clean image latent. */
public sealed interface Segment {
    /** Positions the segment occupies in a sequence, given the patches per image. */
    int length(int patchesPerImage);

    /** Token ids, e.g. {@code BOS a red circle BOI}. */
    record Text(int[] tokens) implements Segment {
        public Text {
            Objects.requireNonNull(tokens, "tokens");
        }

        @Override
        public int length(int patchesPerImage) {
            return tokens.length;
        }
    }

    /**
     * A clean latent {@code (C, h, w)}. {@code captionFollows} marks an image whose caption comes after it (noise
     * limiting applies); {@code tag} carries caller data (e.g. the example) through packing.
     */
    record Image(HostTensor latent, boolean captionFollows, Object tag) implements Segment {
        public Image {
            Objects.requireNonNull(latent, "latent");
        }

        @Override
        public int length(int patchesPerImage) {
            return patchesPerImage;
        }
    }
}
