package dev.transfusion.core.runtime;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import dev.transfusion.backend.Backend;
import dev.transfusion.backend.BackendFactory;
import dev.transfusion.core.backend.Backends;
import dev.transfusion.core.checkpoint.SafeTensors;
import dev.transfusion.core.config.ExperimentConfig;
import dev.transfusion.core.model.TransformerDims;
import dev.transfusion.core.model.TransfusionModel;
import dev.transfusion.core.plugin.PluginRegistry;
import dev.transfusion.data.Dataset;
import dev.transfusion.diffusion.DiffusionObjective;
import dev.transfusion.diffusion.DiffusionObjectiveFactory;
import dev.transfusion.diffusion.NoiseSchedule;
import dev.transfusion.diffusion.NoiseScheduleFactory;
import dev.transfusion.diffusion.Sampler;
import dev.transfusion.modality.ImageGeometry;
import dev.transfusion.modality.LatentCodec;
import dev.transfusion.modality.LatentCodecFactory;
import dev.transfusion.modality.LatentGeometry;
import dev.transfusion.modality.ModalityEncoderFactory;
import dev.transfusion.plugin.ComponentSpec;
import dev.transfusion.plugin.ConfigException;
import dev.transfusion.plugin.PluginContext;
import dev.transfusion.sequence.AttentionMask;
import dev.transfusion.tokenizer.Tokenizer;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Guice wiring of one experiment: each component is created by the plugin its config names (the factories come
 * from {@link dev.transfusion.core.plugin.PluginModule}'s registry), so an ablation is a config change. Each
 * provider hands its plugin a {@link PluginContext} holding what the plugin's kind documents (the schedule for an
 * objective, the backend and image geometry for a codec, ...), which Guice creates first.
 */
public final class ExperimentModule extends AbstractModule {
    private final ExperimentConfig config;
    private final Path baseDir;

    /** Wires {@code config}; relative paths in it resolve against {@code baseDir}. */
    public ExperimentModule(ExperimentConfig config, Path baseDir) {
        this.config = Objects.requireNonNull(config, "config");
        this.baseDir = Objects.requireNonNull(baseDir, "baseDir");
    }

    @Override
    protected void configure() {
        bind(ExperimentConfig.class).toInstance(config);
        bind(PluginContext.class).toInstance(PluginContext.of(config.seed(), baseDir, SafeTensors.files()));
    }

    @Provides
    @Singleton
    Backend backend(PluginRegistry registry, PluginContext context) {
        return Backends.create(registry, config.backend(), context);
    }

    @Provides
    @Singleton
    Tokenizer tokenizer(PluginRegistry registry, PluginContext context) {
        return registry.create(PluginKinds.TOKENIZER, config.tokenizer(), context);
    }

    /** Training data only: an experiment loaded for inference never asks for it. */
    @Provides
    @Singleton
    Dataset dataset(PluginRegistry registry, PluginContext context) {
        Dataset d = registry.create(PluginKinds.DATASET, config.data().dataset(), context);
        if (d.imageSize() != config.image().size() || d.channels() != config.image().channels()) {
            throw new ConfigException("data.dataset '" + config.data().dataset().type() + "' yields "
                    + d.channels() + "x" + d.imageSize() + "x" + d.imageSize() + " images but image.size is "
                    + config.image().size() + " and image.channels is " + config.image().channels()
                    + "; make them agree");
        }
        return d;
    }

    /** Training data only, like {@link #dataset}. */
    @Provides
    @Singleton
    TextDatasetHolder textDataset(PluginRegistry registry, PluginContext context) {
        return new TextDatasetHolder(config.data().text() == null ? null
                : registry.create(PluginKinds.DATASET, config.data().text(), context));
    }

    @Provides
    @Singleton
    LatentCodec codec(PluginRegistry registry, PluginContext context, Backend backend) {
        ImageGeometry image = new ImageGeometry(config.image().channels(), config.image().size());
        return registry.create(PluginKinds.LATENT_CODEC, config.image().codec(),
                context.with(BackendFactory.BACKEND, backend).with(LatentCodecFactory.IMAGE, image));
    }

    @Provides
    @Singleton
    LatentGeometry latentGeometry(LatentCodec codec) {
        return codec.latentGeometry(config.image().channels(), config.image().size());
    }

    @Provides
    @Singleton
    TransfusionModel model(PluginRegistry registry, PluginContext context, Tokenizer tokenizer, LatentGeometry latent) {
        var m = config.model();
        TransformerDims dims = new TransformerDims(m.dim(), m.layers(), m.heads(), m.effectiveMlpHidden(), m.normEps(),
                m.ropeTheta(), tokenizer.vocabSize(), m.tieEmbeddings(), m.parsedPatchPositions());
        TransfusionModel model = new TransfusionModel(dims, latent, params -> registry.create(
                PluginKinds.MODALITY_ENCODER, config.image().encoder(),
                ModalityEncoderFactory.context(context, m.dim(), latent, params)));
        if (model.patchesPerImage() + 4 > config.train().seqLen()) {
            throw new ConfigException("train.seq_len " + config.train().seqLen() + " cannot hold one image of "
                    + model.patchesPerImage() + " patches plus its markers; raise train.seq_len or the patch size");
        }
        return model;
    }

    @Provides
    @Singleton
    AttentionMask attentionMask(PluginRegistry registry, PluginContext context) {
        return registry.create(PluginKinds.ATTENTION_MASK, config.attention(), context);
    }

    @Provides
    @Singleton
    NoiseSchedule schedule(PluginRegistry registry, PluginContext context) {
        return registry.create(PluginKinds.NOISE_SCHEDULE, config.diffusion().schedule(), context);
    }

    @Provides
    @Singleton
    DiffusionObjective objective(PluginRegistry registry, PluginContext context, NoiseSchedule schedule) {
        return registry.create(PluginKinds.DIFFUSION_OBJECTIVE, config.diffusion().objective(),
                context.with(NoiseScheduleFactory.SCHEDULE, schedule));
    }

    @Provides
    @Singleton
    Sampler sampler(PluginRegistry registry, PluginContext context, NoiseSchedule schedule, DiffusionObjective objective) {
        return sampler(registry, config.sampler(), context, schedule, objective);
    }

    /** The sampler {@code spec} describes, over {@code schedule} and {@code objective}. */
    static Sampler sampler(PluginRegistry registry, ComponentSpec spec, PluginContext context, NoiseSchedule schedule,
            DiffusionObjective objective) {
        return registry.create(PluginKinds.SAMPLER, spec, context.with(NoiseScheduleFactory.SCHEDULE, schedule)
                .with(DiffusionObjectiveFactory.OBJECTIVE, objective));
    }
}
