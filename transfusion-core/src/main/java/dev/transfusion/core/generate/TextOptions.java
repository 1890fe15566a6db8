package dev.transfusion.core.generate;

import java.util.Objects;

/**
 * How text is sampled: {@code temperature} 0 means greedy; {@code topK} 0 and {@code topP} 1 disable those
 * filters; generation stops at EOS or after {@code maxTokens}; {@code listener} sees every token as it comes.
 */
public record TextOptions(double temperature, int topK, double topP, int maxTokens, long seed, TokenListener listener) {
    public TextOptions {
        Objects.requireNonNull(listener, "listener");
        if (temperature < 0 || topK < 0 || topP <= 0 || topP > 1 || maxTokens <= 0) {
            throw new IllegalArgumentException("need temperature >= 0, top_k >= 0, 0 < top_p <= 1, max_tokens > 0");
        }
    }

    /** Options without a listener. */
    public TextOptions(double temperature, int topK, double topP, int maxTokens, long seed) {
        this(temperature, topK, topP, maxTokens, seed, TokenListener.NONE);
    }

    /** Greedy decoding of up to {@code maxTokens} tokens. */
    public static TextOptions greedy(int maxTokens) {
        return new TextOptions(0, 0, 1, maxTokens, 0);
    }

    /** The same options streaming tokens to {@code l}. */
    public TextOptions withListener(TokenListener l) {
        return new TextOptions(temperature, topK, topP, maxTokens, seed, l);
    }
}
