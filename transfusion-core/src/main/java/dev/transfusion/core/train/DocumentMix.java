package dev.transfusion.core.train;

/**
 * How training documents are composed: the share of caption→image documents among image documents (the rest are
 * image→caption), the share of text-only documents, and how often a caption is dropped (for CFG).
 */
public record DocumentMix(double captionFirst, double textOnly, double captionDropout) {
    public DocumentMix {
        for (double p : new double[] {captionFirst, textOnly, captionDropout}) {
            if (p < 0 || p > 1) {
                throw new IllegalArgumentException("document mix probabilities must be in [0, 1], got " + p);
            }
        }
    }
}
