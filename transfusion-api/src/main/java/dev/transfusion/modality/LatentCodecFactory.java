package dev.transfusion.modality;

import dev.transfusion.backend.BackendFactory;
import dev.transfusion.plugin.ComponentFactory;
import dev.transfusion.plugin.ContextKey;

/**
 * Plugin kind for latent codecs ({@code image.codec.type}); register in META-INF/services. Core's context holds
 * {@link #IMAGE} and {@link BackendFactory#BACKEND} when a codec is created.
 */
public interface LatentCodecFactory extends ComponentFactory<LatentCodec> {
    /** The pixel images the codec encodes ({@code image.channels × image.size²}). */
    ContextKey<ImageGeometry> IMAGE = ContextKey.of("image", ImageGeometry.class);
}
