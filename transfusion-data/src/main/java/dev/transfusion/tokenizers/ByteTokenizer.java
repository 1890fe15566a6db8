package dev.transfusion.tokenizers;

import dev.transfusion.tokenizer.SpecialTokens;
import dev.transfusion.tokenizer.Tokenizer;
import java.nio.ByteBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * UTF-8 bytes as tokens: ids 0..255 are bytes, 256..260 are BOS, EOS, PAD, BOI, EOI (vocabulary 261). Decoding is
 * lossless for valid UTF-8; malformed byte sequences become U+FFFD.
 */
public final class ByteTokenizer implements Tokenizer {
    /** Number of byte ids. */
    public static final int BYTES = 256;

    private static final SpecialTokens SPECIALS = SpecialTokens.startingAt(BYTES);

    @Override
    public int[] encode(String text) {
        Objects.requireNonNull(text, "text");
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        int[] ids = new int[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            ids[i] = bytes[i] & 0xFF;
        }
        return ids;
    }

    @Override
    public String decode(int[] ids) {
        Objects.requireNonNull(ids, "ids");
        byte[] bytes = new byte[ids.length];
        int n = 0;
        for (int id : ids) {
            if (id < 0 || id >= vocabSize()) {
                throw new IllegalArgumentException("token id " + id + " is outside the byte vocabulary [0, " + vocabSize() + ")");
            }
            if (id < BYTES) {
                bytes[n++] = (byte) id;
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(CodingErrorAction.REPLACE)
                    .decode(ByteBuffer.wrap(bytes, 0, n))
                    .toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new IllegalStateException("UTF-8 decoding with REPLACE cannot fail", e);
        }
    }

    @Override
    public int vocabSize() {
        return BYTES + SpecialTokens.COUNT;
    }

    @Override
    public SpecialTokens specials() {
        return SPECIALS;
    }

    @Override
    public String name() {
        return "bytes";
    }
}
