package dev.transfusion.data.idx;

import dev.transfusion.data.Dataset;
import dev.transfusion.data.Example;
import dev.transfusion.data.Split;
import dev.transfusion.tensor.HostTensor;
import dev.transfusion.tensor.Shape;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Grey images with class labels from IDX files (MNIST's format), captioned from templates such as
 * "a handwritten {label}". The last {@code heldOut} images are the held-out split.
 */
public final class IdxDataset implements Dataset {
    private final IdxImages images;
    private final int[] labels;
    private final List<String> templates;
    private final List<String> labelNames;
    private final int heldOut;
    private final long seed;

    /**
     * A dataset over {@code images} and their {@code labels}; {@code labelNames} (may be empty) names label values,
     * each caption uses the template chosen by (seed, index).
     */
    public IdxDataset(IdxImages images, int[] labels, List<String> templates, List<String> labelNames, int heldOut,
                      long seed) {
        this.images = Objects.requireNonNull(images, "images");
        this.labels = Objects.requireNonNull(labels, "labels").clone();
        this.templates = List.copyOf(templates);
        this.labelNames = List.copyOf(labelNames);
        if (labels.length != images.count() || templates.isEmpty() || heldOut < 0 || heldOut > images.count()) {
            throw new IllegalArgumentException("inconsistent IDX dataset: " + images.count() + " images, "
                    + labels.length + " labels, " + templates.size() + " templates, held_out " + heldOut);
        }
        if (images.rows() != images.cols()) {
            throw new IllegalArgumentException("IDX images are " + images.rows() + "x" + images.cols()
                    + "; only square images are supported");
        }
        this.heldOut = heldOut;
        this.seed = seed;
    }

    @Override
    public long size(Split split) {
        return Objects.requireNonNull(split, "split") == Split.TRAIN ? images.count() - heldOut : heldOut;
    }

    @Override
    public Example get(Split split, long index) {
        checkIndex(split, index);
        int i = Math.toIntExact(split == Split.TRAIN ? index : images.count() - heldOut + index);
        int label = labels[i];
        String name = label < labelNames.size() ? labelNames.get(label) : Integer.toString(label);
        long h = mix(mix(seed) + i);
        String caption = templates.get((int) Long.remainderUnsigned(h, templates.size())).replace("{label}", name);
        HostTensor image = HostTensor.floats(Shape.of(1, images.rows(), images.cols()), images.image(i)); // (1, H, W)
        return new Example(image, caption, Map.of("label", label, "label_name", name, "index", i));
    }

    @Override
    public int imageSize() {
        return images.rows();
    }

    @Override
    public int channels() {
        return 1;
    }

    @Override
    public String name() {
        return "idx";
    }

    private static long mix(long z) {
        z += 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
