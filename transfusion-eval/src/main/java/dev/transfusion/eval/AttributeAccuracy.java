package dev.transfusion.eval;

/**
 * GenEval-style accuracies over {@code n} prompts (or images): for each attribute the fraction whose attribute is
 * right, and {@code overall}, the fraction with every attribute right. NaN when {@code n} is 0.
 */
public record AttributeAccuracy(int n, double count, double colour, double shape, double size, double position,
        double overall) {
    /** Checks the count. */
    public AttributeAccuracy {
        if (n < 0) {
            throw new IllegalArgumentException("n must be >= 0, got " + n);
        }
    }
}
