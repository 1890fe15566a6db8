package dev.transfusion.eval;

import java.util.List;

/**
 * Captioning results over {@code n} held-out images: attribute accuracy of the parsed captions ({@code null} when the
 * dataset has no shapes labels), CIDEr-D against the references, and the captions and references, in order.
 */
public record CaptioningResult(int n, AttributeAccuracy accuracy, double ciderD, List<String> captions,
        List<String> references) {
    /** Copies the lists. */
    public CaptioningResult {
        captions = List.copyOf(captions);
        references = List.copyOf(references);
    }
}
