package dev.transfusion.core.runtime;

import dev.transfusion.backend.BackendFactory;
import dev.transfusion.data.DatasetFactory;
import dev.transfusion.diffusion.DiffusionObjectiveFactory;
import dev.transfusion.diffusion.NoiseScheduleFactory;
import dev.transfusion.diffusion.SamplerFactory;
import dev.transfusion.modality.LatentCodecFactory;
import dev.transfusion.modality.ModalityEncoderFactory;
import dev.transfusion.plugin.PluginKind;
import dev.transfusion.sequence.AttentionMaskFactory;
import dev.transfusion.tokenizer.TokenizerFactory;
import java.util.List;

/** Every plugin kind an experiment is assembled from. */
public final class PluginKinds {
    /** {@code backend.type} (chosen as {@link dev.transfusion.core.backend.Backends} says when it is not set). */
    public static final PluginKind<BackendFactory> BACKEND = PluginKind.of("backend", BackendFactory.class, "backend");
    /** {@code tokenizer.type}. */
    public static final PluginKind<TokenizerFactory> TOKENIZER =
            PluginKind.of("tokenizer", TokenizerFactory.class, "tokenizer");
    /** {@code data.dataset.type} and {@code data.text.type}. */
    public static final PluginKind<DatasetFactory> DATASET = PluginKind.of("dataset", DatasetFactory.class, "data.dataset");
    /** {@code image.codec.type}. */
    public static final PluginKind<LatentCodecFactory> LATENT_CODEC =
            PluginKind.of("latent codec", LatentCodecFactory.class, "image.codec");
    /** {@code image.encoder.type}. */
    public static final PluginKind<ModalityEncoderFactory> MODALITY_ENCODER =
            PluginKind.of("modality encoder", ModalityEncoderFactory.class, "image.encoder");
    /** {@code attention.type}. */
    public static final PluginKind<AttentionMaskFactory> ATTENTION_MASK =
            PluginKind.of("attention mask", AttentionMaskFactory.class, "attention");
    /** {@code diffusion.schedule.type}. */
    public static final PluginKind<NoiseScheduleFactory> NOISE_SCHEDULE =
            PluginKind.of("noise schedule", NoiseScheduleFactory.class, "diffusion.schedule");
    /** {@code diffusion.objective.type}. */
    public static final PluginKind<DiffusionObjectiveFactory> DIFFUSION_OBJECTIVE =
            PluginKind.of("diffusion objective", DiffusionObjectiveFactory.class, "diffusion.objective");
    /** {@code sampler.type}. */
    public static final PluginKind<SamplerFactory> SAMPLER = PluginKind.of("sampler", SamplerFactory.class, "sampler");

    /** All of them, in the order {@code components} lists them. */
    public static final List<PluginKind<?>> ALL = List.of(BACKEND, TOKENIZER, DATASET, LATENT_CODEC, MODALITY_ENCODER,
            ATTENTION_MASK, NOISE_SCHEDULE, DIFFUSION_OBJECTIVE, SAMPLER);

    private PluginKinds() {
    }
}
