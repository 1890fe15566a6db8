package dev.transfusion.eval;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Everything one evaluation measured. A section is {@code null} when its count was 0 ({@code fd} also when fewer than
 * two images were generated). {@code config} is a short summary of the experiment; {@code directory} holds
 * {@code report.json}, {@code report.md} and the image grids.
 */
public record EvalReport(long step, Map<String, Object> config, List<PerplexityResult> perplexity,
        TextToImageResult textToImage, FdResult fd, CaptioningResult captioning, Path directory) {
    /** Copies the collections. */
    public EvalReport {
        config = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(config));
        perplexity = List.copyOf(perplexity);
    }

    /** The perplexity result named {@code name} (e.g. {@code captions}), or null. */
    public PerplexityResult perplexity(String name) {
        return perplexity.stream().filter(p -> p.name().equals(name)).findFirst().orElse(null);
    }
}
