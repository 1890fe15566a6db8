package dev.transfusion.data.shapes;

/**
 * GenEval-style correctness of one image (or caption) against a caption: right number of objects, and for every
 * object named, the right colour, shape and size, and every stated relation holding. An attribute the caption does
 * not mention counts as correct.
 */
public record AttributeScore(boolean count, boolean colour, boolean shape, boolean size, boolean position) {
    /** True when every attribute is correct (GenEval's per-prompt success). */
    public boolean all() {
        return count && colour && shape && size && position;
    }
}
