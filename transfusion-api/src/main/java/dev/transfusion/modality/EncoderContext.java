package dev.transfusion.modality;

import dev.transfusion.param.ParamBuilder;
import java.util.Objects;

/** What an encoder needs to build itself: the transformer width, the latent geometry and where to register. */
public record EncoderContext(int dim, LatentGeometry latent, ParamBuilder params) {
    public EncoderContext {
        Objects.requireNonNull(latent, "latent");
        Objects.requireNonNull(params, "params");
    }
}
