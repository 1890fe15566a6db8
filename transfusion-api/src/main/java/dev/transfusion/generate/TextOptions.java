package dev.transfusion.generate;

/**
 * How text is sampled: {@code temperature} 0 means greedy; {@code topK} 0 and {@code topP} 1 disable those
 * filters; generation stops at EOS or after {@code maxTokens}.
 */
public record TextOptions(double temperature, int topK, double topP, int maxTokens, long seed) {
    public TextOptions {
        if (temperature < 0 || topK < 0 || topP <= 0 || topP > 1 || maxTokens <= 0) {
            throw new IllegalArgumentException("need temperature >= 0, top_k >= 0, 0 < top_p <= 1, max_tokens > 0");
        }
    }

    /** Greedy decoding of up to {@code maxTokens} tokens. */
    public static TextOptions greedy(int maxTokens) {
        return new TextOptions(0, 0, 1, maxTokens, 0);
    }
}
