package dev.transfusion.eval;

import dev.transfusion.core.config.ExperimentConfig;
import dev.transfusion.data.Dataset;
import dev.transfusion.data.Example;
import dev.transfusion.data.Split;
import dev.transfusion.plugin.ComponentSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Picks the held-out examples an evaluation uses: the first ones, in index order, so runs are comparable. */
final class HeldOutExamples {
    private HeldOutExamples() {
    }

    /** Up to {@code n} held-out examples that carry an image. */
    static List<Example> withImages(Dataset dataset, int n) {
        return pick(dataset, n, Integer.MAX_VALUE, true);
    }

    /** Up to {@code n} held-out examples (text or image–caption). */
    static List<Example> any(Dataset dataset, int n) {
        return pick(dataset, n, Integer.MAX_VALUE, false);
    }

    /**
     * Up to {@code n} held-out image examples whose labelled object count is at most {@code maxShapes} (examples
     * without a count label always qualify).
     */
    static List<Example> prompts(Dataset dataset, int n, int maxShapes) {
        return pick(dataset, n, maxShapes, true);
    }

    /**
     * The {@code max_shapes} of a {@code shapes} dataset config (so a model trained on single shapes is prompted with
     * single shapes only), else no limit.
     */
    static int maxShapes(ExperimentConfig config) {
        ComponentSpec spec = config.data().dataset();
        if (!spec.type().equals("shapes")) {
            return Integer.MAX_VALUE;
        }
        int min = spec.getInt("min_shapes", 1);
        return spec.getInt("max_shapes", Math.max(1, min));
    }

    private static List<Example> pick(Dataset dataset, int n, int maxShapes, boolean needImage) {
        Objects.requireNonNull(dataset, "dataset");
        List<Example> out = new ArrayList<>();
        long size = dataset.size(Split.HELD_OUT);
        for (long i = 0; i < size && out.size() < n; i++) {
            Example ex = dataset.get(Split.HELD_OUT, i);
            if (needImage && !ex.hasImage()) {
                continue;
            }
            int count = ShapesTruth.objectCount(ex.labels());
            if (count > maxShapes) {
                continue;
            }
            out.add(ex);
        }
        return out;
    }
}
