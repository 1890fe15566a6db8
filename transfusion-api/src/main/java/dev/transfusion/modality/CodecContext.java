package dev.transfusion.modality;

import dev.transfusion.backend.Backend;
import java.util.Objects;

/** What a latent codec needs to build itself: the backend it may run on and the pixel image geometry. */
public record CodecContext(Backend backend, int channels, int imageSize) {
    public CodecContext {
        Objects.requireNonNull(backend, "backend");
    }
}
