package dev.transfusion.eval;

import dev.transfusion.data.shapes.AttributeScore;
import java.util.Objects;

/** Counts {@link AttributeScore}s one by one and turns them into {@link AttributeAccuracy}. Not thread-safe. */
public final class AttributeTally {
    private int n;
    private int count;
    private int colour;
    private int shape;
    private int size;
    private int position;
    private int all;

    /** Adds one prompt's score. */
    public void add(AttributeScore score) {
        Objects.requireNonNull(score, "score");
        n++;
        count += score.count() ? 1 : 0;
        colour += score.colour() ? 1 : 0;
        shape += score.shape() ? 1 : 0;
        size += score.size() ? 1 : 0;
        position += score.position() ? 1 : 0;
        all += score.all() ? 1 : 0;
    }

    /** Number of scores added. */
    public int size() {
        return n;
    }

    /** The accuracies so far (NaN before the first score). */
    public AttributeAccuracy accuracy() {
        return new AttributeAccuracy(n, frac(count), frac(colour), frac(shape), frac(size), frac(position), frac(all));
    }

    private double frac(int k) {
        return n == 0 ? Double.NaN : (double) k / n;
    }
}
