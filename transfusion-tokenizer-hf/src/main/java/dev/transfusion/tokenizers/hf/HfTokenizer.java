package dev.transfusion.tokenizers.hf;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import dev.transfusion.tokenizer.SpecialTokens;
import dev.transfusion.tokenizer.Tokenizer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;
import java.util.Set;

/**
 * A Hugging Face {@code tokenizer.json} run by DJL's bundled native tokenizers library. Ids below the file's
 * vocabulary size are the file's; specials the file does not define are appended after it.
 */
public final class HfTokenizer implements Tokenizer {
    private final HuggingFaceTokenizer hf;
    private final String name;
    private final int baseVocab;
    private final int vocabSize;
    private final SpecialTokens specials;
    private final Set<Integer> fileSpecials;

    /**
     * Loads {@code file} (its ids described by {@code vocab}) with {@code vocabSize} ids in all: the file's plus
     * the appended specials.
     */
    public static HfTokenizer open(Path file, HfVocabulary vocab, int vocabSize, SpecialTokens specials)
            throws IOException {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(vocab, "vocab");
        HuggingFaceTokenizer hf = HuggingFaceTokenizer.builder().optTokenizerPath(file).optAddSpecialTokens(false).build();
        return new HfTokenizer(hf, "hf:" + file.getFileName(), vocab.size(), vocabSize, specials, vocab.specialIds());
    }

    private HfTokenizer(HuggingFaceTokenizer hf, String name, int baseVocab, int vocabSize, SpecialTokens specials,
                       Set<Integer> fileSpecials) {
        this.hf = Objects.requireNonNull(hf, "hf");
        this.name = Objects.requireNonNull(name, "name");
        this.baseVocab = baseVocab;
        this.vocabSize = vocabSize;
        this.specials = Objects.requireNonNull(specials, "specials");
        this.fileSpecials = Set.copyOf(fileSpecials);
        if (specials.maxId() >= vocabSize) {
            throw new IllegalArgumentException("special id " + specials.maxId() + " >= vocabulary size " + vocabSize);
        }
    }

    @Override
    public int[] encode(String text) {
        Objects.requireNonNull(text, "text");
        return Arrays.stream(hf.encode(text, false, false).getIds()).mapToInt(Math::toIntExact).toArray();
    }

    @Override
    public String decode(int[] ids) {
        Objects.requireNonNull(ids, "ids");
        long[] kept = new long[ids.length];
        int n = 0;
        for (int id : ids) {
            if (id < 0 || id >= vocabSize) {
                throw new IllegalArgumentException("token id " + id + " is outside the vocabulary of " + name
                        + " [0, " + vocabSize + ")");
            }
            if (!isSpecial(id)) {
                kept[n++] = id;
            }
        }
        return hf.decode(Arrays.copyOf(kept, n), true);
    }

    @Override
    public int vocabSize() {
        return vocabSize;
    }

    @Override
    public SpecialTokens specials() {
        return specials;
    }

    @Override
    public boolean isSpecial(int id) {
        return id >= baseVocab || specials.contains(id) || fileSpecials.contains(id);
    }

    @Override
    public String name() {
        return name;
    }
}
