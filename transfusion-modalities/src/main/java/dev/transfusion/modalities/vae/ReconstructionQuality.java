package dev.transfusion.modalities.vae;

import dev.transfusion.data.Dataset;
import dev.transfusion.data.Split;
import dev.transfusion.modality.LatentCodec;
import dev.transfusion.tensor.HostTensor;
import java.util.Objects;

/** How well a latent codec reconstructs images: PSNR in dB over pixels in [0, 1]. */
public final class ReconstructionQuality {
    private static final int CHUNK = 64;

    private ReconstructionQuality() {
    }

    /** {@code 10·log10(1 / MSE)} between two equally shaped pixel tensors in [0, 1] (infinite when equal). */
    public static double psnr(HostTensor reference, HostTensor reconstruction) {
        Objects.requireNonNull(reference, "reference");
        Objects.requireNonNull(reconstruction, "reconstruction");
        if (!reference.shape().equals(reconstruction.shape())) {
            throw new IllegalArgumentException("shapes differ: " + reference.shape() + " vs " + reconstruction.shape());
        }
        return psnrOfMse(sumSquaredError(reference, reconstruction) / reference.shape().size());
    }

    /**
     * PSNR of the pooled MSE over the first {@code n} images of {@code split}, each encoded and decoded by
     * {@code codec} (pooling the MSE is at most the mean of per-image PSNRs).
     */
    public static double psnr(LatentCodec codec, Dataset dataset, Split split, int n) {
        Objects.requireNonNull(codec, "codec");
        Objects.requireNonNull(dataset, "dataset");
        if (n < 1 || n > dataset.size(split)) {
            throw new IllegalArgumentException("need 1 <= n <= " + dataset.size(split) + " images, got " + n);
        }
        double sse = 0;
        long count = 0;
        for (int from = 0; from < n; from += CHUNK) {
            HostTensor images = ImageBatches.range(dataset, split, from, Math.min(CHUNK, n - from));
            HostTensor recon = codec.decode(codec.encode(images));
            sse += sumSquaredError(images, recon);
            count += images.shape().size();
        }
        return psnrOfMse(sse / count);
    }

    private static double sumSquaredError(HostTensor a, HostTensor b) {
        float[] x = a.floats();
        float[] y = b.floats();
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            double d = (double) x[i] - y[i];
            s += d * d;
        }
        return s;
    }

    private static double psnrOfMse(double mse) {
        return mse == 0 ? Double.POSITIVE_INFINITY : 10 * Math.log10(1.0 / mse);
    }
}
