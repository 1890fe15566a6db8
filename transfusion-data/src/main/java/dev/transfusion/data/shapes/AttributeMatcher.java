package dev.transfusion.data.shapes;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Scores shapes (found in an image, or placed from a caption) against a caption: each named object is matched to
 * a distinct shape by the assignment agreeing on the most attributes and relations, then every attribute is checked.
 */
final class AttributeMatcher {
    private static final int MAX_CANDIDATES = 8;

    private AttributeMatcher() {
    }

    /** The attribute-wise correctness of {@code found} as an instance of {@code caption}. */
    static AttributeScore score(ShapesCaption caption, List<DetectedShape> found) {
        Objects.requireNonNull(caption, "caption");
        Objects.requireNonNull(found, "found");
        List<DetectedShape> cands = new ArrayList<>(found);
        cands.sort(Comparator.comparingInt(DetectedShape::pixels).reversed());
        cands = cands.subList(0, Math.min(MAX_CANDIDATES, cands.size()));
        int k = caption.objects().size();
        int[] best = new int[k];
        java.util.Arrays.fill(best, -1);
        int[] current = new int[k];
        search(caption, cands, 0, current, new boolean[cands.size()], best, new int[] {-1});
        boolean colour = true, shape = true, size = true, position = true;
        for (int i = 0; i < k; i++) {
            ShapeDescription want = caption.objects().get(i);
            DetectedShape got = best[i] < 0 ? null : cands.get(best[i]);
            colour &= want.colour() == null || (got != null && got.colour() == want.colour());
            shape &= want.kind() == null || (got != null && got.kind() == want.kind());
            size &= want.size() == null || (got != null && got.size() == want.size());
            if (i > 0) {
                position &= relationHolds(caption.relations().get(i - 1), best[i - 1], best[i], cands);
            }
        }
        return new AttributeScore(found.size() == k, colour, shape, size, position);
    }

    /** Tries every injective assignment (unmatched = -1), keeping the one with the most agreements. */
    private static void search(ShapesCaption caption, List<DetectedShape> cands, int i, int[] current, boolean[] used,
                               int[] best, int[] bestScore) {
        int k = current.length;
        if (i == k) {
            int s = agreements(caption, current, cands);
            if (s > bestScore[0]) {
                bestScore[0] = s;
                System.arraycopy(current, 0, best, 0, k);
            }
            return;
        }
        for (int c = -1; c < cands.size(); c++) {
            if (c >= 0 && used[c]) {
                continue;
            }
            current[i] = c;
            if (c >= 0) {
                used[c] = true;
            }
            search(caption, cands, i + 1, current, used, best, bestScore);
            if (c >= 0) {
                used[c] = false;
            }
        }
    }

    private static int agreements(ShapesCaption caption, int[] assignment, List<DetectedShape> cands) {
        int s = 0;
        for (int i = 0; i < assignment.length; i++) {
            if (assignment[i] < 0) {
                continue;
            }
            ShapeDescription want = caption.objects().get(i);
            DetectedShape got = cands.get(assignment[i]);
            s += 1; // matched at all
            s += want.colour() != null && got.colour() == want.colour() ? 1 : 0;
            s += want.kind() != null && got.kind() == want.kind() ? 1 : 0;
            s += want.size() != null && got.size() == want.size() ? 1 : 0;
            if (i > 0 && relationHolds(caption.relations().get(i - 1), assignment[i - 1], assignment[i], cands)) {
                s += 1;
            }
        }
        return s;
    }

    private static boolean relationHolds(Relation r, int a, int b, List<DetectedShape> cands) {
        if (a < 0 || b < 0) {
            return false;
        }
        DetectedShape da = cands.get(a), db = cands.get(b);
        return r.holds(da.x(), da.y(), db.x(), db.y());
    }
}
