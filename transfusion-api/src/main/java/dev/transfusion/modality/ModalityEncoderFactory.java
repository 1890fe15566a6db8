package dev.transfusion.modality;

import dev.transfusion.param.ParamBuilder;
import dev.transfusion.plugin.ComponentFactory;
import dev.transfusion.plugin.ContextKey;
import dev.transfusion.plugin.PluginContext;

/**
 * Plugin kind for patch encoders ({@code image.encoder.type}); register in META-INF/services. Core's context holds
 * {@link #MODEL_DIM}, {@link #LATENT} and {@link #PARAMS} when an encoder is created; the encoder registers its
 * parameters in {@link #PARAMS} as it is constructed.
 */
public interface ModalityEncoderFactory extends ComponentFactory<ModalityEncoder> {
    /** The transformer width ({@code model.dim}) patch vectors must have. */
    ContextKey<Integer> MODEL_DIM = ContextKey.of("model.dim", Integer.class);
    /** The latent images the encoder patchifies (after the latent codec). */
    ContextKey<LatentGeometry> LATENT = ContextKey.of("latent", LatentGeometry.class);
    /** Where the encoder registers its parameters (named {@code image.*} in checkpoints). */
    ContextKey<ParamBuilder> PARAMS = ContextKey.of("params", ParamBuilder.class);

    /** {@code base} holding the three values an encoder is created from, as core passes them. */
    static PluginContext context(PluginContext base, int dim, LatentGeometry latent, ParamBuilder params) {
        return base.with(MODEL_DIM, dim).with(LATENT, latent).with(PARAMS, params);
    }
}
