package dev.transfusion.tokenizer;

/**
 * Maps text to token ids and back. {@link #encode} never emits special tokens; {@link #decode} skips them, so
 * callers insert BOS/EOS/BOI/EOI themselves from {@link #specials()}.
 */
public interface Tokenizer {
    /** The ids of {@code text}, without any special token. */
    int[] encode(String text);

    /** The text of {@code ids}; special ids are skipped. */
    String decode(int[] ids);

    /** Number of ids, special tokens included; every id is in {@code [0, vocabSize())}. */
    int vocabSize();

    /** The ids of BOS, EOS, PAD, BOI and EOI. */
    SpecialTokens specials();

    /** True when {@code id} is a special (control) token rather than text. */
    default boolean isSpecial(int id) {
        return specials().contains(id);
    }

    /** A short name for logs and run metadata, e.g. {@code bytes}. */
    String name();
}
