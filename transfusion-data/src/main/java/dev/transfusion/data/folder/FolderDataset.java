package dev.transfusion.data.folder;

import dev.transfusion.data.Dataset;
import dev.transfusion.data.Example;
import dev.transfusion.data.Split;
import dev.transfusion.tensor.HostTensor;
import dev.transfusion.tensor.Shape;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Captioned images loaded from a folder (see {@link FolderDatasetFactory}): decoded and resized once, kept as 8-bit
 * RGB. The last {@code heldOut} images are the held-out split.
 */
public final class FolderDataset implements Dataset {
    /** One decoded image: its file name (as written in the captions file), caption and (3, S, S) 8-bit pixels. */
    public record Item(String file, String caption, byte[] rgb) {
        /** Checks the fields. */
        public Item {
            Objects.requireNonNull(file, "file");
            Objects.requireNonNull(caption, "caption");
            Objects.requireNonNull(rgb, "rgb");
        }
    }

    private final List<Item> items;
    private final int imageSize;
    private final int heldOut;
    private final List<String> skipped;

    /** A dataset over {@code items} of {@code imageSize}² pixels; {@code skipped} lists files that failed to load. */
    public FolderDataset(List<Item> items, int imageSize, int heldOut, List<String> skipped) {
        this.items = List.copyOf(items);
        this.imageSize = imageSize;
        this.skipped = List.copyOf(skipped);
        if (heldOut < 0 || heldOut > this.items.size()) {
            throw new IllegalArgumentException("held_out " + heldOut + " outside [0, " + this.items.size() + "]");
        }
        for (Item it : this.items) {
            if (it.rgb().length != 3 * imageSize * imageSize) {
                throw new IllegalArgumentException(it.file() + ": " + it.rgb().length + " bytes for a " + imageSize
                        + "² RGB image");
            }
        }
        this.heldOut = heldOut;
    }

    /** Number of files skipped because they could not be read ({@code on_error: skip}). */
    public int skippedCount() {
        return skipped.size();
    }

    /** The names of the skipped files, with why. */
    public List<String> skippedFiles() {
        return skipped;
    }

    @Override
    public long size(Split split) {
        return Objects.requireNonNull(split, "split") == Split.TRAIN ? items.size() - heldOut : heldOut;
    }

    @Override
    public Example get(Split split, long index) {
        checkIndex(split, index);
        int i = Math.toIntExact(split == Split.TRAIN ? index : items.size() - heldOut + index);
        Item it = items.get(i);
        float[] x = new float[it.rgb().length];
        for (int p = 0; p < x.length; p++) {
            x[p] = (it.rgb()[p] & 0xFF) / 255f;
        }
        return new Example(HostTensor.floats(Shape.of(3, imageSize, imageSize), x), it.caption(),
                Map.of("file", it.file(), "index", i)); // image (3, S, S)
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
        return "folder";
    }
}
