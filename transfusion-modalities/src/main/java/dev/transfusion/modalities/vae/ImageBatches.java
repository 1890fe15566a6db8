package dev.transfusion.modalities.vae;

import dev.transfusion.data.Dataset;
import dev.transfusion.data.Example;
import dev.transfusion.data.Split;
import dev.transfusion.tensor.HostTensor;
import dev.transfusion.tensor.Shape;
import java.util.Objects;

/** Stacks dataset images {@code (C, H, W)} into a batch {@code (N, C, H, W)}. */
public final class ImageBatches {
    private ImageBatches() {
    }

    /** The images of examples {@code indices} of {@code split}; every example must carry an image. */
    public static HostTensor stack(Dataset dataset, Split split, long[] indices) {
        Objects.requireNonNull(dataset, "dataset");
        Objects.requireNonNull(indices, "indices");
        int c = dataset.channels();
        int s = dataset.imageSize();
        int per = c * s * s;
        float[] data = new float[indices.length * per];
        for (int i = 0; i < indices.length; i++) {
            Example e = dataset.get(split, indices[i]);
            if (!e.hasImage()) {
                throw new IllegalArgumentException(dataset.name() + " " + split + " example " + indices[i]
                        + " has no image");
            }
            float[] img = e.image().floats();
            if (img.length != per) {
                throw new IllegalArgumentException(dataset.name() + " " + split + " example " + indices[i] + " is "
                        + e.image().shape() + ", expected [" + c + ", " + s + ", " + s + "]");
            }
            System.arraycopy(img, 0, data, i * per, per);
        }
        return HostTensor.floats(Shape.of(indices.length, c, s, s), data); // (N, C, H, W)
    }

    /** Examples {@code from .. from+n-1} of {@code split} as one batch. */
    public static HostTensor range(Dataset dataset, Split split, long from, int n) {
        long[] idx = new long[n];
        for (int i = 0; i < n; i++) {
            idx[i] = from + i;
        }
        return stack(dataset, split, idx);
    }
}
