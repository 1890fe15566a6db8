package dev.transfusion.tokenizers.hf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.transfusion.tokenizer.SpecialTokens;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What a Hugging Face {@code tokenizer.json} says about its ids (the native library does not expose it): every
 * token's id from {@code model.vocab} and {@code added_tokens}, which added tokens are special, and the vocabulary
 * size (largest id + 1).
 */
public record HfVocabulary(Map<String, Integer> ids, Set<Integer> specialIds, int size) {
    /** Copies the maps. */
    public HfVocabulary {
        ids = Map.copyOf(ids);
        specialIds = Set.copyOf(specialIds);
    }

    /** Reads {@code file}; failures name the file and what was missing. */
    public static HfVocabulary read(Path file) throws IOException {
        Objects.requireNonNull(file, "file");
        JsonNode root = new ObjectMapper().readTree(file.toFile());
        Map<String, Integer> ids = new HashMap<>();
        Set<Integer> special = new HashSet<>();
        JsonNode vocab = root.path("model").path("vocab");
        if (vocab.isObject()) { // WordLevel, BPE, WordPiece: {"token": id}
            for (Map.Entry<String, JsonNode> e : vocab.properties()) {
                ids.put(e.getKey(), e.getValue().asInt());
            }
        } else if (vocab.isArray()) { // Unigram: [[piece, score], ...], id = position
            for (int i = 0; i < vocab.size(); i++) {
                ids.put(vocab.get(i).path(0).asText(), i);
            }
        } else {
            throw new IOException(file + ": no model.vocab object or array (is this a Hugging Face tokenizer.json?)");
        }
        for (JsonNode t : root.path("added_tokens")) {
            int id = t.path("id").asInt(-1);
            String content = t.path("content").asText(null);
            if (id < 0 || content == null) {
                throw new IOException(file + ": added_tokens entry without id/content: " + t);
            }
            ids.put(content, id);
            if (t.path("special").asBoolean(false)) {
                special.add(id);
            }
        }
        int size = ids.values().stream().mapToInt(Integer::intValue).max().orElse(-1) + 1;
        if (size == 0) {
            throw new IOException(file + ": the vocabulary is empty");
        }
        return new HfVocabulary(ids, special, size);
    }
}
