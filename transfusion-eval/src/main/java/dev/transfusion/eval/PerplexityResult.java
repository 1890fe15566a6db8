package dev.transfusion.eval;

/**
 * Held-out language-model loss of one document set: {@code natsPerToken} is the mean next-token cross-entropy over
 * {@code tokens} scored targets in {@code documents} documents ({@code dropped} did not fit a sequence).
 */
public record PerplexityResult(String name, int documents, long tokens, int dropped, double natsPerToken) {
    /** {@code exp(natsPerToken)}. */
    public double perplexity() {
        return Math.exp(natsPerToken);
    }
}
