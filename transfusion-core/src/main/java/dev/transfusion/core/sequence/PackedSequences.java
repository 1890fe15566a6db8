package dev.transfusion.core.sequence;

import dev.transfusion.sequence.SequenceLayout;
import java.util.List;

/**
 * A batch of documents laid out in fixed-length rows, as flat row-major arrays ready to become tensors.
 *
 * @param layout      kinds, documents and image slots per position
 * @param tokens      token id per position (PAD at patch and padding positions)
 * @param textTargets next-token target per position (PAD where there is none)
 * @param textMask    1 where the next-token loss applies
 * @param source      per position, the row of {@code [text embeddings (B*L); patch vectors (NI*P)]} it takes
 * @param patchRows   per image slot and patch, the flat position {@code b*L + l} it occupies (0 for empty slots)
 * @param images      the images placed, by slot (slots beyond {@code images.size()} are empty)
 * @param imageSlots  NI, the fixed image capacity of the batch
 * @param dropped     documents dropped because an image would not fit in a row
 */
public record PackedSequences(SequenceLayout layout, int[] tokens, int[] textTargets, float[] textMask, int[] source,
                              int[] patchRows, List<PlacedImage> images, int imageSlots, int dropped) {
    public PackedSequences {
        images = List.copyOf(images);
    }
}
