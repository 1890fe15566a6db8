package dev.transfusion.modality;

import dev.transfusion.plugin.ComponentFactory;

/** Plugin kind for latent codecs ({@code image.codec.type}); register in META-INF/services. */
public interface LatentCodecFactory extends ComponentFactory<LatentCodecPlan> {
}
