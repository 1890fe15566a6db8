package dev.transfusion.data.shapes;

import dev.transfusion.data.Split;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Draws the scene of example (split, index) deterministically from the seed. One shape goes anywhere inside a
 * one-pixel margin; n shapes go one per slot of n equal slots along a random axis, so each relation in the caption
 * holds with a gap between the shapes of two pixels (one when the slot is too narrow for two). The two splits use
 * distinct seed streams and, more strongly, partition scenes by {@link Scene#imageKey()}: one eighth of all possible images belong to HELD_OUT, the rest to TRAIN, so no
 * held-out image ever appears in training.
 */
public final class SceneSampler {
    private static final int MARGIN = 1;
    private static final int MAX_TRIES = 100_000;

    private final int imageSize;
    private final int minShapes;
    private final int maxShapes;
    private final long seed;

    /** A sampler for {@code imageSize}² images with {@code minShapes..maxShapes} shapes. */
    public SceneSampler(int imageSize, int minShapes, int maxShapes, long seed) {
        if (minShapes < 1 || maxShapes < minShapes) {
            throw new IllegalArgumentException("need 1 <= min_shapes <= max_shapes, got " + minShapes + ", " + maxShapes);
        }
        String problem = fitProblem(imageSize, maxShapes);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        this.imageSize = imageSize;
        this.minShapes = minShapes;
        this.maxShapes = maxShapes;
        this.seed = seed;
    }

    /** Why {@code shapes} small shapes do not fit side by side in a {@code imageSize}² image, or null if they do. */
    public static String fitProblem(int imageSize, int shapes) {
        int small = SizeClass.SMALL.extent(imageSize);
        int room = Integer.MAX_VALUE;
        for (int k = 0; k < shapes; k++) {
            room = Math.min(room, shapes == 1 ? imageSize - 2 * MARGIN : slotEnd(imageSize, shapes, k)
                    - slotStart(imageSize, shapes, k) - 1);
        }
        if (room < small || SizeClass.LARGE.extent(imageSize) > imageSize - 2 * MARGIN) {
            return "image_size " + imageSize + " is too small for " + shapes + " shapes side by side: a small shape is "
                    + small + " px wide but each gets a " + room + " px slot (after a 1 px gap)";
        }
        return null;
    }

    private static int slotStart(int imageSize, int n, int k) {
        return (int) Math.ceil(MARGIN + k * (imageSize - 2.0 * MARGIN) / n);
    }

    /** Exclusive end of slot k; the last slot ends at the margin. */
    private static int slotEnd(int imageSize, int n, int k) {
        return (int) Math.floor(MARGIN + (k + 1) * (imageSize - 2.0 * MARGIN) / n);
    }

    /** True when the image of {@code scene} belongs to the held-out split. */
    public static boolean isHeldOut(Scene scene) {
        return (scene.imageKey() >>> 61) == 0; // one eighth of all images
    }

    /** The scene of example {@code index} of {@code split}. */
    public Scene sample(Split split, long index) {
        Objects.requireNonNull(split, "split");
        long salt = split == Split.TRAIN ? 0x7A11_0000_0000_0001L : 0x4E1D_0000_0000_0002L;
        SplittableRandom rng = new SplittableRandom(SplitMix.mix(SplitMix.mix(seed ^ salt) + index));
        boolean wantHeldOut = split == Split.HELD_OUT;
        for (int tries = 0; tries < MAX_TRIES; tries++) {
            Scene s = draw(rng);
            if (isHeldOut(s) == wantHeldOut) {
                return s;
            }
        }
        throw new IllegalStateException("no " + split + " scene found in " + MAX_TRIES + " draws for index " + index);
    }

    private Scene draw(SplittableRandom rng) {
        int n = minShapes + rng.nextInt(maxShapes - minShapes + 1);
        Background bg = pick(rng, Background.values());
        if (n == 1) {
            SizeClass size = pick(rng, SizeClass.values());
            int d = size.extent(imageSize);
            int free = imageSize - 2 * MARGIN - d + 1;
            PlacedShape s = new PlacedShape(pick(rng, ShapeKind.values()), pick(rng, PaletteColour.values()), size,
                    MARGIN + rng.nextInt(free), MARGIN + rng.nextInt(free), d);
            return new Scene(imageSize, bg, List.of(s), List.of());
        }
        boolean horizontal = rng.nextBoolean();
        List<PlacedShape> shapes = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            int start = slotStart(imageSize, n, k);
            int end = slotEnd(imageSize, n, k); // the shape ends at least `gap` pixels before the next slot
            int room = end - start;
            SizeClass size = SizeClass.LARGE.extent(imageSize) <= room - 1
                    ? pick(rng, SizeClass.values()) : SizeClass.SMALL;
            int d = size.extent(imageSize);
            int gap = d <= room - 2 ? 2 : 1;
            int along = start + rng.nextInt(room - gap - d + 1);
            int across = MARGIN + rng.nextInt(imageSize - 2 * MARGIN - d + 1);
            ShapeKind kind = pick(rng, ShapeKind.values());
            PaletteColour colour = pick(rng, PaletteColour.values());
            shapes.add(horizontal ? new PlacedShape(kind, colour, size, along, across, d)
                    : new PlacedShape(kind, colour, size, across, along, d));
        }
        boolean reversed = rng.nextBoolean();
        if (reversed) {
            Collections.reverse(shapes);
        }
        Relation r = horizontal ? (reversed ? Relation.RIGHT_OF : Relation.LEFT_OF)
                : (reversed ? Relation.BELOW : Relation.ABOVE);
        return new Scene(imageSize, bg, shapes, Collections.nCopies(n - 1, r));
    }

    private static <T> T pick(SplittableRandom rng, T[] values) {
        return values[rng.nextInt(values.length)];
    }
}
