package dev.transfusion.modality;

import dev.transfusion.tensor.Tensor;
import java.util.List;

/**
 * What a patch encoder hands the transformer: {@code patches (N, P, dim)} in raster order, plus whatever the
 * matching decoder needs again (U-Net skip activations; empty for a linear encoder).
 */
public record EncodedImages(Tensor patches, List<Tensor> skips) {
    public EncodedImages {
        skips = List.copyOf(skips);
    }
}
