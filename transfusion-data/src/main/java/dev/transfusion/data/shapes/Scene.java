package dev.transfusion.data.shapes;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The parameters of one {@code shapes} image: size, background, the shapes in caption order and, between each
 * shape and the next, the relation the caption states. The image and the caption are functions of this record.
 */
public record Scene(int imageSize, Background background, List<PlacedShape> shapes, List<Relation> relations) {
    /** Checks that there is one relation between each pair of consecutive shapes. */
    public Scene {
        Objects.requireNonNull(background, "background");
        shapes = List.copyOf(shapes);
        relations = List.copyOf(relations);
        if (shapes.isEmpty() || relations.size() != shapes.size() - 1) {
            throw new IllegalArgumentException("a scene needs n >= 1 shapes and n - 1 relations, got "
                    + shapes.size() + " and " + relations.size());
        }
    }

    /** The structured labels: {@code shapes} (list of {shape, colour, size, x, y}), {@code relations}, etc. */
    public Map<String, Object> labels() {
        List<Map<String, Object>> items = new ArrayList<>();
        for (PlacedShape s : shapes) {
            items.add(s.label(imageSize));
        }
        List<String> rels = relations.stream().map(r -> r.name().toLowerCase(java.util.Locale.ROOT)).toList();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("shapes", List.copyOf(items));
        m.put("relations", rels);
        m.put("count", shapes.size());
        m.put("background", background.word());
        return m;
    }

    /**
     * A 64-bit hash of what the image shows (background and the shapes as a set, not their caption order): equal
     * images have equal keys, so splits defined on this key never share an image.
     */
    public long imageKey() {
        List<PlacedShape> sorted = new ArrayList<>(shapes);
        sorted.sort(Comparator.comparingInt(PlacedShape::left).thenComparingInt(PlacedShape::top)
                .thenComparing(PlacedShape::kind).thenComparing(PlacedShape::colour).thenComparingInt(PlacedShape::extent));
        long h = SplitMix.mix(0x5EED_5A11_0F5A_9E5L ^ imageSize);
        h = SplitMix.mix(h + background.ordinal());
        for (PlacedShape s : sorted) {
            h = SplitMix.mix(h + s.kind().ordinal());
            h = SplitMix.mix(h + s.colour().ordinal());
            h = SplitMix.mix(h + s.extent());
            h = SplitMix.mix(h + s.left());
            h = SplitMix.mix(h + s.top());
        }
        return h;
    }
}
