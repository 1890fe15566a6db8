package dev.transfusion.eval;

import dev.transfusion.data.shapes.PaletteColour;
import dev.transfusion.data.shapes.Relation;
import dev.transfusion.data.shapes.ShapeDescription;
import dev.transfusion.data.shapes.ShapeKind;
import dev.transfusion.data.shapes.ShapesCaption;
import dev.transfusion.data.shapes.SizeClass;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Reads the ground truth of a {@code shapes} example from its structured labels ({@code shapes}: a list of
 * {@code {shape, colour, size, x, y}}; {@code relations}: lower-case {@link Relation} names), so scoring uses the
 * labels rather than re-parsing the reference caption.
 */
public final class ShapesTruth {
    private ShapesTruth() {
    }

    /** The objects and relations the labels describe, or empty when the labels are not those of a shapes example. */
    public static Optional<ShapesCaption> fromLabels(Map<String, Object> labels) {
        Objects.requireNonNull(labels, "labels");
        if (!(labels.get("shapes") instanceof List<?> shapes) || shapes.isEmpty()) {
            return Optional.empty();
        }
        List<ShapeDescription> objects = new ArrayList<>();
        for (Object o : shapes) {
            if (!(o instanceof Map<?, ?> m)) {
                throw new IllegalArgumentException("label 'shapes' must hold maps {shape, colour, size}, got " + o);
            }
            objects.add(new ShapeDescription(word(ShapeKind.values(), m.get("shape"), "shape"),
                    word(PaletteColour.values(), m.get("colour"), "colour"),
                    word(SizeClass.values(), m.get("size"), "size")));
        }
        List<Relation> relations = new ArrayList<>();
        if (labels.get("relations") instanceof List<?> rels) {
            for (Object r : rels) {
                relations.add(Relation.valueOf(String.valueOf(r).toUpperCase(Locale.ROOT)));
            }
        }
        while (relations.size() < objects.size() - 1) {
            relations.add(Relation.AND); // labels without relations: the objects are merely listed
        }
        return Optional.of(new ShapesCaption(objects, relations));
    }

    /** The number of objects the labels name (the {@code count} label, else the size of {@code shapes}), or -1. */
    public static int objectCount(Map<String, Object> labels) {
        Objects.requireNonNull(labels, "labels");
        if (labels.get("count") instanceof Number n) {
            return n.intValue();
        }
        return labels.get("shapes") instanceof List<?> l ? l.size() : -1;
    }

    private static <E extends Enum<E>> E word(E[] values, Object word, String key) {
        if (word == null) {
            return null;
        }
        for (E e : values) {
            if (e.name().toLowerCase(Locale.ROOT).equals(String.valueOf(word).toLowerCase(Locale.ROOT))) {
                return e;
            }
        }
        throw new IllegalArgumentException("label '" + key + "' has unknown value '" + word + "'");
    }
}
