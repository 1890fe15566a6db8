package dev.transfusion.data.shapes;

import dev.transfusion.data.Dataset;
import dev.transfusion.data.DatasetFactory;
import dev.transfusion.plugin.ComponentSpec;
import dev.transfusion.plugin.PluginContext;
import java.util.Objects;

/**
 * {@code data: {type: shapes, image_size: 32, min_shapes: 1, max_shapes: 1, train_size: 50000,
 * held_out_size: 1000, seed: <run seed>}}.
 */
public final class ShapesDatasetFactory implements DatasetFactory {
    @Override
    public String name() {
        return "shapes";
    }

    @Override
    public Dataset create(ComponentSpec spec, PluginContext context) {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(context, "context");
        spec.requireOnly("image_size", "min_shapes", "max_shapes", "train_size", "held_out_size", "seed");
        int size = spec.getInt("image_size", 32, 16, 1024);
        int min = spec.getInt("min_shapes", 1, 1, 4);
        int max = spec.getInt("max_shapes", Math.max(1, min), 1, 4);
        if (max < min) {
            throw spec.error("max_shapes", "must be >= min_shapes (" + min + "), got " + max);
        }
        String fit = SceneSampler.fitProblem(size, max);
        if (fit != null) {
            throw spec.error("max_shapes", fit);
        }
        long train = spec.getLong("train_size", 50_000);
        long heldOut = spec.getLong("held_out_size", 1_000);
        if (train < 1) {
            throw spec.error("train_size", "must be >= 1, got " + train);
        }
        if (heldOut < 0) {
            throw spec.error("held_out_size", "must be >= 0, got " + heldOut);
        }
        long seed = spec.getLong("seed", context.seed());
        return new ShapesDataset(size, min, max, seed, train, heldOut);
    }

    @Override
    public String description() {
        return "procedural coloured circles/squares/triangles with captions (embedded, no files)";
    }
}
