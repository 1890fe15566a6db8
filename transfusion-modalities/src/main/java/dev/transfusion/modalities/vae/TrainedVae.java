package dev.transfusion.modalities.vae;

import dev.transfusion.tensor.HostTensor;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A trained VAE as values: its architecture, its weights by PyTorch-style name and the latent scale factor
 * (1 / std of the latent means over a data sample), so that scaled latents have roughly unit variance.
 */
public record TrainedVae(VaeConfig config, Map<String, HostTensor> weights, double scaleFactor) {
    public TrainedVae {
        Objects.requireNonNull(config, "config");
        weights = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(weights, "weights")));
        if (!(scaleFactor > 0) || Double.isInfinite(scaleFactor)) {
            throw new IllegalArgumentException("scale factor must be finite and > 0, got " + scaleFactor);
        }
    }
}
