package dev.transfusion.modalities.vae;

import dev.transfusion.backend.AdamW;
import dev.transfusion.backend.Backend;
import dev.transfusion.backend.ParameterStore;
import dev.transfusion.backend.TensorFunction;
import dev.transfusion.data.Dataset;
import dev.transfusion.data.Split;
import dev.transfusion.io.TensorFiles;
import dev.transfusion.param.ParamInitializer;
import dev.transfusion.param.ParamSpec;
import dev.transfusion.tensor.HostTensor;
import dev.transfusion.tensor.Shape;
import dev.transfusion.train.TrainingTask;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Training the {@link VaeModel} on a dataset's training images, as a {@link TrainingTask} for core's training run:
 * {@link VaeLoss}, AdamW, warm-up then cosine decay, and batches of {@code batch} images drawn with replacement from
 * one random stream seeded by the options (asking for an earlier step replays the stream, so a batch depends on
 * its step alone). {@link #trained} then measures the latent scale factor on the final weights.
 */
public final class VaeTrainingTask implements TrainingTask {
    private final VaeConfig config;
    private final VaeTrainOptions options;
    private final Dataset dataset;
    private final VaeModel model;
    private final long trainSize;
    private SplittableRandom rng;
    private long next;

    /** Training {@code config} on {@code dataset} (whose images must have the VAE's channel count) with {@code options}. */
    public VaeTrainingTask(VaeConfig config, VaeTrainOptions options, Dataset dataset) {
        this.config = Objects.requireNonNull(config, "config");
        this.options = Objects.requireNonNull(options, "options");
        this.dataset = Objects.requireNonNull(dataset, "dataset");
        if (dataset.channels() != config.imageChannels()) {
            throw new IllegalArgumentException("dataset " + dataset.name() + " has " + dataset.channels()
                    + " channels, the VAE expects " + config.imageChannels());
        }
        config.latentSize(dataset.imageSize());
        this.trainSize = dataset.size(Split.TRAIN);
        if (trainSize < 1) {
            throw new IllegalArgumentException("dataset " + dataset.name() + " has no training examples");
        }
        this.model = new VaeModel(config);
        restart();
    }

    @Override
    public List<ParamSpec> params() {
        return model.params();
    }

    @Override
    public Map<String, HostTensor> initialWeights() {
        return ParamInitializer.initialize(model.params(), options.seed());
    }

    @Override
    public TensorFunction loss() {
        return new VaeLoss(model, options.klWeight(), options.l1());
    }

    @Override
    public AdamW optimizer() {
        return options.adamW();
    }

    @Override
    public long steps() {
        return options.steps();
    }

    @Override
    public double learningRate(long step) {
        return options.learningRate(step);
    }

    /** {@code images (N, C, H, W)} and the step's noise {@code seed}. */
    @Override
    public synchronized Map<String, HostTensor> batch(long step) {
        if (step < next) {
            restart();
        }
        while (next < step) {
            indices(); // an earlier step's draws
        }
        long[] idx = indices();
        HostTensor seed = HostTensor.ints(Shape.of(2), new int[] {(int) options.seed(), (int) step});
        return Map.of(VaeLoss.IMAGES, ImageBatches.stack(dataset, Split.TRAIN, idx), VaeLoss.SEED, seed);
    }

    @Override
    public int examplesPerBatch() {
        return options.batch();
    }

    @Override
    public String describe() {
        StringBuilder b = new StringBuilder("vae:\n");
        config.toMetadata().forEach((k, v) -> b.append("  ").append(k).append(": '").append(v).append("'\n"));
        b.append("train: '").append(options).append("'\n").append("dataset: '").append(dataset.name()).append("'\n");
        return b.toString();
    }

    /** The trained VAE for final {@code weights}: the latent scale factor is measured on the training images. */
    public TrainedVae trained(Backend backend, Map<String, HostTensor> weights) {
        try (ParameterStore params = backend.createParameters(model.params(), weights)) {
            long n = Math.min(options.scaleSamples(), trainSize);
            return new TrainedVae(config, weights, VaeScaleFactor.measure(backend, model, params, dataset, n));
        }
    }

    /** {@link #trained} written into checkpoint directory {@code dir} ({@link VaeCheckpoint}); returns it. */
    public TrainedVae save(Backend backend, Map<String, HostTensor> weights, Path dir, TensorFiles files)
            throws IOException {
        TrainedVae vae = trained(backend, weights);
        VaeCheckpoint.save(dir, vae, files);
        return vae;
    }

    private long[] indices() {
        long[] idx = new long[options.batch()];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = rng.nextLong(trainSize);
        }
        next++;
        return idx;
    }

    private void restart() {
        rng = new SplittableRandom(options.seed());
        next = 0;
    }
}
