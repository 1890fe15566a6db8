package dev.transfusion.data.idx;

import dev.transfusion.data.Dataset;
import dev.transfusion.data.DatasetFactory;
import dev.transfusion.plugin.ComponentSpec;
import dev.transfusion.plugin.PluginContext;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * {@code data: {type: idx, images: train-images-idx3-ubyte.gz, labels: train-labels-idx1-ubyte.gz,
 * templates: ["a handwritten {label}"], label_names: [zero, one, ...], held_out: 1000}}. Paths resolve against the
 * config's folder; {@code held_out} defaults to min(1000, count / 10).
 */
public final class IdxDatasetFactory implements DatasetFactory {
    @Override
    public String name() {
        return "idx";
    }

    @Override
    public Dataset create(ComponentSpec spec, PluginContext context) {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(context, "context");
        spec.requireOnly("images", "labels", "templates", "label_names", "held_out", "seed");
        Path imagesFile = file(spec, context, "images");
        Path labelsFile = file(spec, context, "labels");
        IdxImages images;
        int[] labels;
        try {
            images = IdxReader.readImages(imagesFile);
        } catch (IOException e) {
            throw spec.error("images", e.getMessage());
        }
        try {
            labels = IdxReader.readLabels(labelsFile);
        } catch (IOException e) {
            throw spec.error("labels", e.getMessage());
        }
        if (labels.length != images.count()) {
            throw spec.error("labels", labelsFile + " has " + labels.length + " labels but " + imagesFile + " has "
                    + images.count() + " images");
        }
        if (images.rows() != images.cols()) {
            throw spec.error("images", imagesFile + ": images are " + images.rows() + "x" + images.cols()
                    + "; only square images are supported");
        }
        List<String> templates = spec.getStringList("templates", List.of("{label}"));
        if (templates.isEmpty()) {
            throw spec.error("templates", "needs at least one caption template");
        }
        for (String t : templates) {
            if (!t.contains("{label}")) {
                throw spec.error("templates", "template '" + t + "' has no {label} placeholder");
            }
        }
        List<String> names = spec.getStringList("label_names", List.of());
        for (int i = 0; i < labels.length; i++) {
            if (!names.isEmpty() && labels[i] >= names.size()) {
                throw spec.error("label_names", "has " + names.size() + " names but " + labelsFile + " has label "
                        + labels[i] + " (at index " + i + ")");
            }
        }
        int heldOut = spec.getInt("held_out", Math.min(1000, images.count() / 10));
        if (heldOut < 0 || heldOut >= images.count()) {
            throw spec.error("held_out", "must be in [0, " + images.count() + ") for " + images.count()
                    + " images, got " + heldOut);
        }
        return new IdxDataset(images, labels, templates, names, heldOut, spec.getLong("seed", context.seed()));
    }

    private static Path file(ComponentSpec spec, PluginContext context, String key) {
        String p = spec.getString(key, null);
        if (p == null) {
            throw spec.error(key, "required: path of the IDX " + key + " file");
        }
        return context.baseDir().resolve(p).toAbsolutePath().normalize();
    }

    @Override
    public String description() {
        return "MNIST-style IDX image + label files (raw or .gz) with caption templates";
    }
}
