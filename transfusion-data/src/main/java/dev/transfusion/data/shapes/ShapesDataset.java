package dev.transfusion.data.shapes;

import dev.transfusion.data.Dataset;
import dev.transfusion.data.Example;
import dev.transfusion.data.Split;
import java.util.Objects;

/**
 * Procedural coloured shapes on a plain background with captions from the same parameters (the embedded default
 * dataset). Each example is generated on demand from (seed, split, index): deterministic, thread-safe, no storage.
 */
public final class ShapesDataset implements Dataset {
    private final SceneSampler sampler;
    private final int imageSize;
    private final long trainSize;
    private final long heldOutSize;

    /** A dataset of {@code imageSize}² RGB images with {@code minShapes..maxShapes} shapes each. */
    public ShapesDataset(int imageSize, int minShapes, int maxShapes, long seed, long trainSize, long heldOutSize) {
        if (trainSize < 0 || heldOutSize < 0) {
            throw new IllegalArgumentException("split sizes must be >= 0, got " + trainSize + ", " + heldOutSize);
        }
        this.sampler = new SceneSampler(imageSize, minShapes, maxShapes, seed);
        this.imageSize = imageSize;
        this.trainSize = trainSize;
        this.heldOutSize = heldOutSize;
    }

    /** The scene behind example {@code index} of {@code split} (what {@link #get} renders and captions). */
    public Scene scene(Split split, long index) {
        checkIndex(split, index);
        return sampler.sample(split, index);
    }

    @Override
    public Example get(Split split, long index) {
        Scene scene = scene(split, index);
        return new Example(SceneRenderer.render(scene), ShapesCaptions.caption(scene), scene.labels());
    }

    @Override
    public long size(Split split) {
        return Objects.requireNonNull(split, "split") == Split.TRAIN ? trainSize : heldOutSize;
    }

    @Override
    public int imageSize() {
        return imageSize;
    }

    @Override
    public int channels() {
        return 3;
    }

    @Override
    public String name() {
        return "shapes";
    }
}
