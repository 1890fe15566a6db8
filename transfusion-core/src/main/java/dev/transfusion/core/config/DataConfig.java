package dev.transfusion.core.config;

import dev.transfusion.plugin.ComponentSpec;
import java.util.Map;

/**
 * {@code data:} the image–caption dataset, an optional text-only dataset ({@code text}, may be null), the share of
 * caption→image order, the share of text-only sequences and the caption dropout rate (for classifier-free guidance).
 */
public record DataConfig(ComponentSpec dataset, ComponentSpec text, double captionFirst, double textOnly,
        double captionDropout) {
    public DataConfig {
        Checks.present("dataset", dataset);
        Checks.probability("caption_first", captionFirst);
        Checks.probability("text_only", textOnly);
        Checks.probability("caption_dropout", captionDropout);
    }

    /** The defaults: synthetic shapes at 32 px, 80% caption first, no text-only data, 10% caption dropout. */
    public static DataConfig defaults() {
        return new DataConfig(ComponentSpec.of("data.dataset", "shapes", Map.of("image_size", 32)), null, 0.8, 0.0,
                0.1);
    }
}
