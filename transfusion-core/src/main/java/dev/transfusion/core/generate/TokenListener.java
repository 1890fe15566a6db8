package dev.transfusion.core.generate;

/** Receives each generated token as it is sampled (for streaming text to a user). */
@FunctionalInterface
public interface TokenListener {
    /** A listener that ignores tokens. */
    TokenListener NONE = (id, text) -> { };

    /** Called with the token id and its decoded text (may be a partial UTF-8 character for byte tokenizers). */
    void onToken(int id, String text);
}
