package dev.transfusion.modalities.vae;

import dev.transfusion.backend.AdamW;
import dev.transfusion.backend.Backend;
import dev.transfusion.backend.CompiledFunction;
import dev.transfusion.backend.ParameterStore;
import dev.transfusion.backend.StepResult;
import dev.transfusion.backend.TrainStep;
import dev.transfusion.data.Dataset;
import dev.transfusion.data.Split;
import dev.transfusion.io.TensorFiles;
import dev.transfusion.param.ParamInitializer;
import dev.transfusion.tensor.HostTensor;
import dev.transfusion.tensor.Shape;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Trains a {@link VaeModel} on a dataset's training images with the backend's compiled train step (AdamW, warm-up
 * then cosine decay), then measures the latent scale factor (1 / std of the latent means over
 * {@code scaleSamples} training images) and returns a {@link TrainedVae}.
 */
public final class VaeTrainer {
    /** Receives every training step's result (for progress output). */
    @FunctionalInterface
    public interface Listener {
        /** Called after step {@code step} (0-based). */
        void onStep(int step, StepResult result);
    }

    private static final int ENCODE_CHUNK = 64;
    private final VaeConfig config;
    private final VaeTrainOptions options;

    /** A trainer for {@code config} with {@code options}. */
    public VaeTrainer(VaeConfig config, VaeTrainOptions options) {
        this.config = Objects.requireNonNull(config, "config");
        this.options = Objects.requireNonNull(options, "options");
    }

    /** Trains on {@code dataset} without progress output. */
    public TrainedVae train(Backend backend, Dataset dataset) {
        return train(backend, dataset, (s, r) -> { });
    }

    /** Trains on {@code dataset}'s training split, reporting each step to {@code listener}. */
    public TrainedVae train(Backend backend, Dataset dataset, Listener listener) {
        Objects.requireNonNull(backend, "backend");
        Objects.requireNonNull(dataset, "dataset");
        Objects.requireNonNull(listener, "listener");
        if (dataset.channels() != config.imageChannels()) {
            throw new IllegalArgumentException("dataset " + dataset.name() + " has " + dataset.channels()
                    + " channels, the VAE expects " + config.imageChannels());
        }
        config.latentSize(dataset.imageSize());
        long trainSize = dataset.size(Split.TRAIN);
        if (trainSize < 1) {
            throw new IllegalArgumentException("dataset " + dataset.name() + " has no training examples");
        }
        VaeModel model = new VaeModel(config);
        AdamW adam = new AdamW(0.9, 0.999, 1e-8, 0.0, 1.0);
        SplittableRandom rng = new SplittableRandom(options.seed());
        try (ParameterStore params = backend.createParameters(model.params(),
                ParamInitializer.initialize(model.params(), options.seed()));
                TrainStep step = backend.compileTrainStep(new VaeLoss(model, options.klWeight(), options.l1()), params,
                        adam)) {
            for (int s = 0; s < options.steps(); s++) {
                long[] idx = new long[options.batch()];
                for (int i = 0; i < idx.length; i++) {
                    idx[i] = rng.nextLong(trainSize);
                }
                HostTensor seed = HostTensor.ints(Shape.of(2), new int[] {(int) options.seed(), s});
                StepResult r = step.run(Map.of(VaeLoss.IMAGES, ImageBatches.stack(dataset, Split.TRAIN, idx),
                        VaeLoss.SEED, seed), options.learningRate(s));
                listener.onStep(s, r);
            }
            double scale = scaleFactor(backend, model, params, dataset, Math.min(options.scaleSamples(), trainSize));
            return new TrainedVae(config, params.readAll(), scale);
        }
    }

    /** Trains and writes the checkpoint into {@code dir} (atomically); returns the trained VAE. */
    public TrainedVae trainAndSave(Backend backend, Dataset dataset, Path dir, TensorFiles files, Listener listener)
            throws IOException {
        TrainedVae vae = train(backend, dataset, listener);
        VaeCheckpoint.save(dir, vae, files);
        return vae;
    }

    /** 1 / std of the unscaled latent means of the first {@code n} training images. */
    static double scaleFactor(Backend backend, VaeModel model, ParameterStore params, Dataset dataset, long n) {
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
