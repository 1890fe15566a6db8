package dev.transfusion.core.runtime;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import dev.transfusion.backend.Backend;
import dev.transfusion.core.backend.Backends;
import dev.transfusion.core.checkpoint.SafeTensors;
import dev.transfusion.core.config.ExperimentConfig;
import dev.transfusion.core.model.TransformerDims;
import dev.transfusion.core.model.TransfusionModel;
import dev.transfusion.core.plugin.PluginRegistry;
import dev.transfusion.data.Dataset;
import dev.transfusion.diffusion.DiffusionObjective;
import dev.transfusion.diffusion.NoiseSchedule;
import dev.transfusion.diffusion.Sampler;
import dev.transfusion.modality.CodecContext;
import dev.transfusion.modality.LatentCodec;
import dev.transfusion.modality.LatentGeometry;
import dev.transfusion.modality.ModalityEncoderPlan;
import dev.transfusion.plugin.ConfigException;
import dev.transfusion.plugin.PluginContext;
import dev.transfusion.sequence.AttentionMask;
import dev.transfusion.tokenizer.Tokenizer;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Guice wiring of one experiment: each component is created by the plugin its config names (the factories come
 * from {@link dev.transfusion.core.plugin.PluginModule}'s registry), so an ablation is a config change.
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
    Backend backend() {
        try {
            return Backends.select(config.backend().type()).create(config.backend().options());
        } catch (IllegalArgumentException e) {
            throw new ConfigException("backend: " + e.getMessage(), e);
        }
    }

    @Provides
    @Singleton
    Tokenizer tokenizer(PluginRegistry registry, PluginContext context) {
        return registry.create(PluginKinds.TOKENIZER, config.tokenizer(), context);
    }

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

    @Provides
    @Singleton
    TextDatasetHolder textDataset(PluginRegistry registry, PluginContext context) {
        return new TextDatasetHolder(config.data().text() == null ? null
                : registry.create(PluginKinds.DATASET, config.data().text(), context));
    }

    @Provides
    @Singleton
    LatentCodec codec(PluginRegistry registry, PluginContext context, Backend backend) {
        return registry.create(PluginKinds.LATENT_CODEC, config.image().codec(), context)
                .build(new CodecContext(backend, config.image().channels(), config.image().size()));
    }

    @Provides
    @Singleton
    LatentGeometry latentGeometry(LatentCodec codec) {
        return codec.latentGeometry(config.image().channels(), config.image().size());
    }

    @Provides
    @Singleton
    ModalityEncoderPlan encoderPlan(PluginRegistry registry, PluginContext context) {
        return registry.create(PluginKinds.MODALITY_ENCODER, config.image().encoder(), context);
    }

    @Provides
    @Singleton
    TransfusionModel model(Tokenizer tokenizer, LatentGeometry latent, ModalityEncoderPlan plan) {
        var m = config.model();
        TransformerDims dims = new TransformerDims(m.dim(), m.layers(), m.heads(), m.effectiveMlpHidden(), m.normEps(),
                m.ropeTheta(), tokenizer.vocabSize(), m.tieEmbeddings(), m.parsedPatchPositions());
        TransfusionModel model = new TransfusionModel(dims, latent, plan);
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
        return registry.factory(PluginKinds.DIFFUSION_OBJECTIVE, config.diffusion().objective())
                .create(config.diffusion().objective(), context, schedule);
    }

    @Provides
    @Singleton
    Sampler sampler(PluginRegistry registry, PluginContext context, NoiseSchedule schedule, DiffusionObjective objective) {
        return registry.factory(PluginKinds.SAMPLER, config.sampler()).create(config.sampler(), context, schedule, objective);
    }
}
