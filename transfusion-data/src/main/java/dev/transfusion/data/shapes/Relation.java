package dev.transfusion.data.shapes;

/** How one shape of a caption relates to the next one named. */
public enum Relation {
    /** The first is on the left of the second. */
    LEFT_OF("on the left of"),
    /** The first is on the right of the second. */
    RIGHT_OF("on the right of"),
    /** The first is above the second. */
    ABOVE("above"),
    /** The first is below the second. */
    BELOW("below"),
    /** Both are named ("... and ...") without a spatial relation; holds for any positions. */
    AND("and");

    private final String phrase;

    Relation(String phrase) {
        this.phrase = phrase;
    }

    /** The caption phrase, e.g. {@code on the left of}. */
    public String phrase() {
        return phrase;
    }

    /** True when a shape centred at (ax, ay) stands in this relation to one at (bx, by); y grows downwards. */
    public boolean holds(double ax, double ay, double bx, double by) {
        return switch (this) {
            case LEFT_OF -> ax < bx;
            case RIGHT_OF -> ax > bx;
            case ABOVE -> ay < by;
            case BELOW -> ay > by;
            case AND -> true;
        };
    }

    /** The step (dx, dy) from the first to the second shape on a unit grid, used to place caption objects. */
    int[] step() {
        return switch (this) {
            case LEFT_OF -> new int[] {1, 0};
            case RIGHT_OF -> new int[] {-1, 0};
            case ABOVE -> new int[] {0, 1};
            case BELOW -> new int[] {0, -1};
            case AND -> new int[] {0, 0};
        };
    }
}
