package dev.transfusion.core.runtime;

import com.google.inject.Inject;
import com.google.inject.Provider;
import dev.transfusion.backend.AdamW;
import dev.transfusion.backend.Backend;
import dev.transfusion.backend.ParameterStore;
import dev.transfusion.backend.TrainStep;
import dev.transfusion.core.config.ExperimentConfig;
import dev.transfusion.core.config.TrainConfig;
import dev.transfusion.core.generate.Generator;
import dev.transfusion.core.model.TransfusionLoss;
import dev.transfusion.core.model.TransfusionModel;
import dev.transfusion.core.plugin.PluginRegistry;
import dev.transfusion.core.plugin.Plugins;
import dev.transfusion.core.sequence.SequencePacker;
import dev.transfusion.core.train.BatchBuilder;
import dev.transfusion.core.train.BatchSource;
import dev.transfusion.core.train.DocumentFactory;
import dev.transfusion.core.train.DocumentMix;
import dev.transfusion.core.train.InputBlur;
import dev.transfusion.core.train.LearningRateSchedule;
import dev.transfusion.core.train.NoiseLimit;
import dev.transfusion.core.train.PackedBatchSource;
import dev.transfusion.core.train.TimestepSampling;
import dev.transfusion.data.Dataset;
import dev.transfusion.diffusion.DiffusionObjective;
import dev.transfusion.diffusion.NoiseSchedule;
import dev.transfusion.diffusion.Sampler;
import dev.transfusion.modality.LatentCodec;
import dev.transfusion.param.ParamInitializer;
import dev.transfusion.plugin.ComponentSpec;
import dev.transfusion.plugin.PluginContext;
import dev.transfusion.sequence.AttentionMask;
import dev.transfusion.tensor.HostTensor;
import dev.transfusion.tokenizer.Tokenizer;
import java.nio.file.Path;
import java.util.Map;

/**
 * One experiment assembled from its config: the backend, plugins and model, plus the programs to train and
 * run it. The entry point for embedding: {@code Experiment.create(config, dir)} then train or generate. Guice
 * creates it with everything injected ({@link ExperimentModule}); the training datasets are created on first use,
 * so an experiment loaded for inference ({@link #forInference}) never reads training data.
 */
public final class Experiment implements AutoCloseable {
    private final ExperimentConfig config;
    private final PluginRegistry registry;
    private final PluginContext context;
    private final Backend backend;
    private final Tokenizer tokenizer;
    private final LatentCodec codec;
    private final TransfusionModel model;
    private final AttentionMask mask;
    private final NoiseSchedule schedule;
    private final DiffusionObjective objective;
    private final Sampler sampler;
    private final Provider<Dataset> dataset;
    private final Provider<TextDatasetHolder> textDataset;

    @Inject
    Experiment(ExperimentConfig config, PluginRegistry registry, PluginContext context, Backend backend,
            Tokenizer tokenizer, LatentCodec codec, TransfusionModel model, AttentionMask mask, NoiseSchedule schedule,
            DiffusionObjective objective, Sampler sampler, Provider<Dataset> dataset,
            Provider<TextDatasetHolder> textDataset) {
        this.config = config;
        this.registry = registry;
        this.context = context;
        this.backend = backend;
        this.tokenizer = tokenizer;
        this.codec = codec;
        this.model = model;
        this.mask = mask;
        this.schedule = schedule;
        this.objective = objective;
        this.sampler = sampler;
        this.dataset = dataset;
        this.textDataset = textDataset;
    }

    /**
     * Assembles {@code config} for training with the plugins on the context class path; paths resolve against
     * {@code baseDir}.
     */
    public static Experiment create(ExperimentConfig config, Path baseDir) {
        return create(config, baseDir, Thread.currentThread().getContextClassLoader());
    }

    /** Assembles {@code config} for training with the plugins visible to {@code loader}. */
    public static Experiment create(ExperimentConfig config, Path baseDir, ClassLoader loader) {
        Experiment e = assemble(config, baseDir, loader);
        try {
            // Fail fast: open the training data now so a config error surfaces before any work is done.
            e.dataset();
            e.textDataset();
            return e;
        } catch (RuntimeException failure) {
            e.close();
            throw failure;
        }
    }

    /**
     * Assembles {@code config} to run a trained model: everything but the training datasets, which are not read
     * (a run folder generates after its training data is gone).
     */
    public static Experiment forInference(ExperimentConfig config, Path baseDir) {
        return assemble(config, baseDir, Thread.currentThread().getContextClassLoader());
    }

    private static Experiment assemble(ExperimentConfig config, Path baseDir, ClassLoader loader) {
        ClassLoader cl = loader != null ? loader : Experiment.class.getClassLoader();
        return Plugins.instance(Plugins.injector(cl, PluginKinds.ALL, new ExperimentModule(config, baseDir)),
                Experiment.class);
    }

    /** The resolved config. */
    public ExperimentConfig config() {
        return config;
    }

    /** The plugin registry. */
    public PluginRegistry registry() {
        return registry;
    }

    /** The folder relative file paths in the config resolve against. */
    public Path baseDir() {
        return context.baseDir();
    }

    /** The backend. */
    public Backend backend() {
        return backend;
    }

    /** The model (parameters are not allocated until {@link #initParameters()} or {@link #loadParameters}). */
    public TransfusionModel model() {
        return model;
    }

    /** The tokenizer. */
    public Tokenizer tokenizer() {
        return tokenizer;
    }

    /** The image–caption dataset (opened on first use). */
    public Dataset dataset() {
        return Plugins.provide(dataset);
    }

    /** The optional text-only dataset, or null (opened on first use). */
    public Dataset textDataset() {
        return Plugins.provide(textDataset).dataset();
    }

    /** The latent codec. */
    public LatentCodec codec() {
        return codec;
    }

    /** The attention mask plugin. */
    public AttentionMask mask() {
        return mask;
    }

    /** The diffusion objective. */
    public DiffusionObjective objective() {
        return objective;
    }

    /** The sampler. */
    public Sampler sampler() {
        return sampler;
    }

    /** Another sampler (e.g. {@code sampler} with other steps) over this experiment's schedule and objective. */
    public Sampler sampler(ComponentSpec spec) {
        return ExperimentModule.sampler(registry, spec, context, schedule, objective);
    }

    /** Fresh parameters drawn from the config's seed. */
    public ParameterStore initParameters() {
        return backend.createParameters(model.params(), ParamInitializer.initialize(model.params(), config.seed()));
    }

    /** Parameters with the given values (e.g. from a checkpoint); every model parameter must be present. */
    public ParameterStore loadParameters(Map<String, HostTensor> values) {
        for (var spec : model.params()) {
            HostTensor v = values.get(spec.name());
            if (v == null) {
                throw new IllegalArgumentException("checkpoint lacks parameter '" + spec.name() + "' of shape "
                        + spec.shape() + " (was it trained with another model config?)");
            }
            if (!v.shape().equals(spec.shape())) {
                throw new IllegalArgumentException("checkpoint parameter '" + spec.name() + "' has shape " + v.shape()
                        + " but the model needs " + spec.shape());
            }
        }
        return backend.createParameters(model.params(), values);
    }

    /** The loss program {@code L_LM + λ·L_diffusion}. */
    public TransfusionLoss loss() {
        return new TransfusionLoss(model(), config.diffusion().lossWeight());
    }

    /** The compiled training step (AdamW from {@code train.*}). */
    public TrainStep compileTrainStep(ParameterStore params) {
        TrainConfig t = config.train();
        return backend().compileTrainStep(loss(), params, new AdamW(t.beta1(), t.beta2(), t.eps(), t.weightDecay(), t.clipNorm()));
    }

    /** The learning-rate schedule from {@code train.*}. */
    public LearningRateSchedule learningRate() {
        TrainConfig t = config.train();
        return new LearningRateSchedule(t.lr(), t.warmup(), t.steps(), t.minLr());
    }

    /** Builds documents from examples with this experiment's tokenizer and codec. */
    public DocumentFactory documents() {
        return new DocumentFactory(tokenizer(), codec());
    }

    /** The packer for {@code train.batch × train.seq_len}. */
    public SequencePacker packer() {
        return new SequencePacker(config.train().batch(), config.train().seqLen(), model().patchesPerImage(),
                tokenizer().specials().pad());
    }

    /** Turns packed sequences into noised model inputs. */
    public BatchBuilder batchBuilder() {
        var d = config.diffusion();
        return new BatchBuilder(objective(), TimestepSampling.fromSpec(d.timestepSampling()),
                new NoiseLimit(d.noiseLimit().maxT(), d.noiseLimit().probability()),
                new InputBlur(d.inputBlur().probability(), d.inputBlur().minSigma(), d.inputBlur().maxSigma()), mask(),
                model().latent(), model().patchesPerImage(), config.train().seqLen(), model().dims().rotary());
    }

    /** The deterministic per-step batch source for training. */
    public BatchSource batches() {
        var d = config.data();
        return new PackedBatchSource(dataset(), textDataset(), documents(),
                new DocumentMix(d.captionFirst(), d.textOnly(), d.captionDropout()), packer(), batchBuilder(), config.seed());
    }

    /** A generator over {@code params} with a KV cache of {@code capacity} positions. */
    public Generator generator(ParameterStore params, int capacity) {
        return new Generator(backend(), params, model(), tokenizer(), codec(), mask(), objective(), sampler(), capacity);
    }

    @Override
    public void close() {
        backend.close();
    }
}
