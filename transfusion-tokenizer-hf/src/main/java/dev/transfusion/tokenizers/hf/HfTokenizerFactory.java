package dev.transfusion.tokenizers.hf;

import dev.transfusion.plugin.ComponentSpec;
import dev.transfusion.plugin.ConfigException;
import dev.transfusion.plugin.PluginContext;
import dev.transfusion.tokenizer.SpecialTokens;
import dev.transfusion.tokenizer.Tokenizer;
import dev.transfusion.tokenizer.TokenizerFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * {@code tokenizer: {type: hf, path: tokenizer.json, bos: "<s>", ...}}: a local Hugging Face tokenizer file.
 * {@code bos}, {@code eos}, {@code pad}, {@code boi}, {@code eoi} optionally name tokens of the file to use as our
 * specials; otherwise a special token of the file with a conventional name is used (e.g. {@code </s>} for EOS), and
 * the rest are appended after the file's vocabulary in the order BOS, EOS, PAD, BOI, EOI.
 */
public final class HfTokenizerFactory implements TokenizerFactory {
    private static final List<String> KEYS = List.of("bos", "eos", "pad", "boi", "eoi");
    private static final List<List<String>> CONVENTIONAL = List.of(
            List.of("<s>", "<|begin_of_text|>", "<bos>", "[BOS]"),
            List.of("</s>", "<|endoftext|>", "<|end_of_text|>", "<eos>", "[EOS]"),
            List.of("<pad>", "[PAD]", "<|pad|>"),
            List.of("<boi>", "<|begin_of_image|>", "[BOI]"),
            List.of("<eoi>", "<|end_of_image|>", "[EOI]"));

    @Override
    public String name() {
        return "hf";
    }

    @Override
    public Tokenizer create(ComponentSpec spec, PluginContext context) {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(context, "context");
        spec.requireOnly("path", "bos", "eos", "pad", "boi", "eoi");
        String p = spec.getString("path", null);
        if (p == null) {
            throw spec.error("path", "required: the tokenizer.json file of a Hugging Face tokenizer");
        }
        Path file = context.baseDir().resolve(p).toAbsolutePath().normalize();
        if (!Files.isRegularFile(file)) {
            throw spec.error("path", "tokenizer file not found: " + file);
        }
        HfVocabulary vocab;
        try {
            vocab = HfVocabulary.read(file);
        } catch (IOException e) {
            throw spec.error("path", "cannot read tokenizer file " + file + ": " + e.getMessage());
        }
        int[] ids = new int[KEYS.size()];
        int next = vocab.size();
        for (int i = 0; i < KEYS.size(); i++) {
            ids[i] = specialId(spec, KEYS.get(i), CONVENTIONAL.get(i), vocab, file);
        }
        for (int i = 0; i < ids.length; i++) {
            if (ids[i] < 0) {
                ids[i] = next++;
            }
            for (int j = 0; j < i; j++) {
                if (ids[i] == ids[j]) {
                    throw spec.error(KEYS.get(i), "maps to the same token id " + ids[i] + " as " + KEYS.get(j));
                }
            }
        }
        SpecialTokens specials = new SpecialTokens(ids[0], ids[1], ids[2], ids[3], ids[4]);
        try {
            return HfTokenizer.open(file, vocab, next, specials);
        } catch (IOException | RuntimeException e) {
            throw spec.error("path", "cannot load tokenizer file " + file + ": " + e.getMessage());
        } catch (NoClassDefFoundError | UnsatisfiedLinkError e) {
            throw spec.error("path", "the hf tokenizer needs ai.djl.huggingface:tokenizers and its native library ("
                    + e + ")");
        }
    }

    /** The file's id for special {@code key}: the named token, else a conventional special, else -1 (append). */
    private static int specialId(ComponentSpec spec, String key, List<String> conventional, HfVocabulary vocab,
                                 Path file) {
        String token = spec.getString(key, null);
        if (token != null) {
            Integer id = vocab.ids().get(token);
            if (id == null) {
                throw spec.error(key, "token '" + token + "' is not in " + file);
            }
            return id;
        }
        for (String c : conventional) {
            Integer id = vocab.ids().get(c);
            if (id != null && vocab.specialIds().contains(id)) {
                return id;
            }
        }
        return -1;
    }

    @Override
    public List<String> fileParams() {
        return List.of("path");
    }

    @Override
    public String description() {
        return "a local Hugging Face tokenizer.json (param path) via DJL tokenizers; missing specials appended";
    }
}
