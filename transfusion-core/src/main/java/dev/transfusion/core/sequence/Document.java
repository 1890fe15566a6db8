package dev.transfusion.core.sequence;

import java.util.List;

/** An ordered list of text and image segments, e.g. {@code [BOS caption BOI] [image] [EOI EOS]}. */
public record Document(List<Segment> segments) {
    public Document {
        segments = List.copyOf(segments);
    }

    /** Total positions with {@code patchesPerImage} slots per image. */
    public int length(int patchesPerImage) {
        return segments.stream().mapToInt(s -> s.length(patchesPerImage)).sum();
    }

    /** Number of image segments. */
    public int imageCount() {
        return (int) segments.stream().filter(s -> s instanceof Segment.Image).count();
    }
}
