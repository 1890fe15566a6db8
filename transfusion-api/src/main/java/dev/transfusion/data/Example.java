package dev.transfusion.data;

import dev.transfusion.tensor.DType;
import dev.transfusion.tensor.HostTensor;
import java.util.Map;
import java.util.Objects;

/**
 * One dataset item: an image as float32 {@code (C, H, W)} with values in [0, 1] (null for a text-only example), its
 * caption (or text), and structured labels (e.g. the shapes drawn, a class label) for evaluation.
 */
public record Example(HostTensor image, String caption, Map<String, Object> labels) {
    /** Checks the image layout and copies the labels. */
    public Example {
        Objects.requireNonNull(caption, "caption");
        labels = Map.copyOf(Objects.requireNonNull(labels, "labels"));
        if (image != null && (image.dtype() != DType.FLOAT32 || image.shape().rank() != 3)) {
            throw new IllegalArgumentException("an example image must be float32 (C, H, W), got " + image);
        }
    }

    /** A text-only example. */
    public static Example text(String text, Map<String, Object> labels) {
        return new Example(null, text, labels);
    }

    /** True when the example carries an image. */
    public boolean hasImage() {
        return image != null;
    }
}
