package dev.transfusion.tokenizers;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;
import com.knuddels.jtokkit.api.IntArrayList;
import dev.transfusion.tokenizer.SpecialTokens;
import dev.transfusion.tokenizer.Tokenizer;
import java.util.Objects;

/**
 * GPT-2's byte-level BPE (tiktoken's {@code r50k_base}, ranks bundled in jtokkit, no network). Its own ids are
 * 0..50256 (50256 is {@code <|endoftext|>}, never produced by {@link #encode} and treated as special); our five
 * specials follow at 50257..50261.
 */
public final class Gpt2Tokenizer implements Tokenizer {
    /** Size of r50k_base's own vocabulary, {@code <|endoftext|>} included. */
    public static final int BASE_VOCAB = 50257;

    /** r50k_base's {@code <|endoftext|>} id. */
    public static final int END_OF_TEXT = 50256;

    private static final SpecialTokens SPECIALS = SpecialTokens.startingAt(BASE_VOCAB);

    private final Encoding encoding;

    /** Loads r50k_base from the jtokkit jar. */
    public Gpt2Tokenizer() {
        this.encoding = Holder.R50K;
    }

    @Override
    public int[] encode(String text) {
        Objects.requireNonNull(text, "text");
        return encoding.encodeOrdinary(text).toArray();
    }

    @Override
    public String decode(int[] ids) {
        Objects.requireNonNull(ids, "ids");
        IntArrayList kept = new IntArrayList(ids.length);
        for (int id : ids) {
            if (id < 0 || id >= vocabSize()) {
                throw new IllegalArgumentException("token id " + id + " is outside the gpt2 vocabulary [0, " + vocabSize() + ")");
            }
            if (!isSpecial(id)) {
                kept.add(id);
            }
        }
        return encoding.decode(kept);
    }

    @Override
    public int vocabSize() {
        return BASE_VOCAB + SpecialTokens.COUNT;
    }

    @Override
    public SpecialTokens specials() {
        return SPECIALS;
    }

    @Override
    public boolean isSpecial(int id) {
        return id == END_OF_TEXT || SPECIALS.contains(id);
    }

    @Override
    public String name() {
        return "gpt2";
    }

    /** Loads the ranks once per JVM, on first use. */
    private static final class Holder {
        static final Encoding R50K = Encodings.newLazyEncodingRegistry().getEncoding(EncodingType.R50K_BASE);
    }
}
