package dev.transfusion.modalities.vae;

import dev.transfusion.backend.Backend;
import dev.transfusion.backend.CompiledFunction;
import dev.transfusion.backend.ParameterStore;
import dev.transfusion.data.Dataset;
import dev.transfusion.data.Split;
import dev.transfusion.tensor.HostTensor;
import java.util.Map;

/** Measures a trained VAE's latent scale factor: 1 / std of the unscaled latent means over training images. */
public final class VaeScaleFactor {
    private static final int ENCODE_CHUNK = 64;

    private VaeScaleFactor() {
    }

    /** 1 / std of the latent means of the first {@code n} training images; a collapsed or NaN std is an error. */
    public static double measure(Backend backend, VaeModel model, ParameterStore params, Dataset dataset, long n) {
        double sum = 0;
        double sumSq = 0;
        long count = 0;
        try (CompiledFunction encode = backend.compile("vae_encode", VaePrograms.encode(model, 1.0), params)) {
            for (long from = 0; from < n; from += ENCODE_CHUNK) {
                int len = (int) Math.min(ENCODE_CHUNK, n - from);
                HostTensor images = ImageBatches.range(dataset, Split.TRAIN, from, len);
                float[] z = encode.callHost(Map.of(VaePrograms.IMAGES, images)).get(VaePrograms.LATENTS).floats();
                for (float v : z) {
                    sum += v;
                    sumSq += (double) v * v;
                }
                count += z.length;
            }
        }
        double mean = sum / count;
        double std = Math.sqrt(Math.max(0, sumSq / count - mean * mean));
        if (!(std > 0) || !Double.isFinite(std)) {
            throw new IllegalStateException("the trained VAE's latents have std " + std
                    + "; training diverged or collapsed");
        }
        return 1.0 / std;
    }
}
