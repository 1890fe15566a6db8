package dev.transfusion.core.generate;

import dev.transfusion.tensor.HostTensor;

/** A piece of an interleaved generation: text, or an image as pixels {@code (C, H, W)} in [0, 1]. */
public sealed interface GeneratedPart {
    /** Generated or prompted text. */
    record Text(String text) implements GeneratedPart {
    }

    /** A generated or prompted image. */
    record Image(HostTensor pixels) implements GeneratedPart {
    }
}
