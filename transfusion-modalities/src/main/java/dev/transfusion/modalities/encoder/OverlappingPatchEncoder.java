package dev.transfusion.modalities.encoder;

import dev.transfusion.backend.Env;
import dev.transfusion.modality.EncodedImages;
import dev.transfusion.modality.LatentGeometry;
import dev.transfusion.modality.ModalityEncoder;
import dev.transfusion.nn.Conv2d;
import dev.transfusion.param.Init;
import dev.transfusion.param.ParamBuilder;
import dev.transfusion.tensor.Shape;
import dev.transfusion.tensor.Tensor;
import dev.transfusion.tensor.ops.Ops;
import java.util.List;

/**
 * The linear patch encoder with overlapping windows: each token reads a (k+2o)×(k+2o) window around its k×k
 * patch (a stride-k convolution) and writes one back (a stride-k transposed convolution), so every pixel within
 * {@code o} of a patch edge is the sum of its neighbouring tokens' outputs. Still one linear map each way, but the
 * decoded image is no longer a mosaic of independent k×k tiles: an outline can bend inside a patch and across its
 * edge without two tokens having to agree exactly where it stops (docs/t2i-shape-investigation.md, eighth round).
 */
public final class OverlappingPatchEncoder implements ModalityEncoder {
    private final int patch;
    private final int overlap;
    private final int grid;
    private final int dim;
    private final Conv2d in;
    private final String outWeight;
    private final String outBias;
    private final String posEmbed;

    /**
     * Builds the encoder for {@code latent} images and {@code dim}-wide patch vectors, patch size {@code patch},
     * {@code overlap} pixels a side, registering its parameters in {@code p}.
     */
    public OverlappingPatchEncoder(ParamBuilder p, int dim, LatentGeometry latent, int patch, int overlap,
            PositionEmbedding positionEmbedding) {
        int size = latent.size();
        int channels = latent.channels();
        if (size % patch != 0) {
            throw new IllegalArgumentException("image.encoder.patch " + patch + " does not divide the latent size " + size);
        }
        if (overlap <= 0 || overlap > patch) {
            throw new IllegalArgumentException("image.encoder.overlap must be in 1.." + patch + ", got " + overlap);
        }
        this.patch = patch;
        this.overlap = overlap;
        this.grid = size / patch;
        this.dim = dim;
        int window = patch + 2 * overlap;
        // The same scales as the plain linear encoder's Linear layers, with the window's larger fan-in.
        this.in = new Conv2d(p, "patch_in", channels, dim, window, patch, overlap,
                new Init.Normal(1.0 / Math.sqrt((double) channels * window * window)));
        ParamBuilder out = p.child("patch_out");
        this.outWeight = out.param("weight", Shape.of(dim, channels, window, window),
                new Init.Normal(0.02 / Math.sqrt(dim)), true);
        this.outBias = out.param("bias", Shape.of(channels), Init.zeros(), false);
        this.posEmbed = positionEmbedding.register(p, grid, dim);
    }

    @Override
    public int patchesPerImage() {
        return grid * grid;
    }

    @Override
    public EncodedImages encode(Env env, Tensor latents, Tensor timeEmb) {
        Ops ops = env.ops();
        Tensor x = in.forward(env, latents); // (N, dim, g, g)
        x = ops.shape().transpose(ops.shape().reshape(x, x.dim(0), dim, (long) grid * grid), 0, 2, 1); // (N, P, dim)
        x = PatchConditioning.apply(env, x, timeEmb, posEmbed);
        return new EncodedImages(x, List.of());
    }

    @Override
    public Tensor decode(Env env, Tensor hidden, EncodedImages encoded, Tensor timeEmb) {
        Ops ops = env.ops();
        Tensor y = ops.shape().transpose(hidden, 0, 2, 1); // (N, dim, P)
        y = ops.shape().reshape(y, y.dim(0), dim, grid, grid);
        return ops.nn().convTranspose2d(y, env.param(outWeight), env.param(outBias), patch, overlap); // (N, C, H, W)
    }
}
