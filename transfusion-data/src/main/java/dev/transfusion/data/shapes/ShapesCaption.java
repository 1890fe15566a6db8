package dev.transfusion.data.shapes;

import java.util.ArrayList;
import java.util.List;

/**
 * What a caption says: the objects in the order named and, between each object and the next, the relation stated
 * ({@link Relation#AND} when none).
 */
public record ShapesCaption(List<ShapeDescription> objects, List<Relation> relations) {
    /** Checks there is one relation between each pair of consecutive objects. */
    public ShapesCaption {
        objects = List.copyOf(objects);
        relations = List.copyOf(relations);
        if (relations.size() != Math.max(0, objects.size() - 1)) {
            throw new IllegalArgumentException(objects.size() + " objects need " + Math.max(0, objects.size() - 1)
                    + " relations, got " + relations.size());
        }
    }

    /** What the caption of {@code scene} says. */
    public static ShapesCaption of(Scene scene) {
        List<ShapeDescription> objects = new ArrayList<>();
        for (PlacedShape s : scene.shapes()) {
            objects.add(ShapeDescription.of(s));
        }
        return new ShapesCaption(objects, scene.relations());
    }

    /**
     * The objects placed on a unit grid as the relations imply (the first at the origin, "left of" puts the next one
     * step right, "above" one step down), as shapes the scorer can match against.
     */
    public List<DetectedShape> asPlaced() {
        List<DetectedShape> out = new ArrayList<>();
        int x = 0, y = 0;
        for (int i = 0; i < objects.size(); i++) {
            if (i > 0) {
                int[] step = relations.get(i - 1).step();
                x += step[0];
                y += step[1];
            }
            ShapeDescription d = objects.get(i);
            out.add(new DetectedShape(d.kind(), d.colour(), d.size(), x, y, 0));
        }
        return out;
    }
}
