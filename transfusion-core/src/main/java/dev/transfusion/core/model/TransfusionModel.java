package dev.transfusion.core.model;

import dev.transfusion.backend.Env;
import dev.transfusion.modality.EncodedImages;
import dev.transfusion.modality.LatentGeometry;
import dev.transfusion.modality.ModalityEncoder;
import dev.transfusion.nn.Embedding;
import dev.transfusion.nn.Linear;
import dev.transfusion.nn.TimestepEmbedding;
import dev.transfusion.param.ParamBuilder;
import dev.transfusion.param.ParamSpec;
import dev.transfusion.tensor.Tensor;
import dev.transfusion.tensor.ops.Ops;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * One transformer over text tokens and image patches (Transfusion): token embeddings and a patch encoder feed
 * the same Llama-style stack; an LM head reads text positions and the patch decoder reads image positions.
 * Backend-neutral: everything here runs through {@link Env}.
 */
public final class TransfusionModel {
    private final TransformerDims dims;
    private final LatentGeometry latent;
    private final Embedding tokens;
    private final TimestepEmbedding timeEmbedding;
    private final ModalityEncoder encoder;
    private final Transformer transformer;
    private final Linear output;
    private final List<ParamSpec> params;

    /**
     * Builds the model and registers all its parameters. {@code encoder} creates the patch encoder, registering its
     * parameters (named {@code image.*}) in the builder it is given; it is called after the embeddings and before
     * the transformer, which keeps the checkpoint's parameter order.
     */
    public TransfusionModel(TransformerDims dims, LatentGeometry latent, Function<ParamBuilder, ModalityEncoder> encoder) {
        this.dims = Objects.requireNonNull(dims, "dims");
        this.latent = Objects.requireNonNull(latent, "latent");
        ParamBuilder root = new ParamBuilder();
        this.tokens = new Embedding(root, "tok_embeddings", dims.vocab(), dims.dim());
        this.timeEmbedding = new TimestepEmbedding(root, "time_embed", dims.dim());
        this.encoder = Objects.requireNonNull(encoder.apply(root.child("image")), "encoder");
        this.transformer = new Transformer(root, dims);
        this.output = dims.tieEmbeddings() ? null : new Linear(root, "output", dims.dim(), dims.vocab(), false);
        this.params = root.specs();
    }

    /** Every parameter, in registration order. */
    public List<ParamSpec> params() {
        return params;
    }

    /** The transformer dimensions. */
    public TransformerDims dims() {
        return dims;
    }

    /** The latent geometry images are diffused in. */
    public LatentGeometry latent() {
        return latent;
    }

    /** Patches per image. */
    public int patchesPerImage() {
        return encoder.patchesPerImage();
    }

    /** The patch encoder/decoder. */
    public ModalityEncoder encoder() {
        return encoder;
    }

    /** The transformer stack. */
    public Transformer transformer() {
        return transformer;
    }

    /**
     * The one forward pass: embeddings of the input's content (token embeddings, patch encodings with their time
     * embedding, or both mixed by {@code source}) → the transformer stack (with the input's caches, if any) → an
     * output whose LM and patch-decoder heads run on demand. Training, evaluation and cached decoding all use it.
     */
    public ModelOutput forward(Env env, ModelInput in) {
        Tensor x;
        Tensor timeEmb = null;
        EncodedImages images = null;
        Tensor patchRows = null;
        if (in.content() instanceof ModelInput.Text text) {
            x = tokens.forward(env, text.tokens()); // (B, T, dim)
        } else if (in.content() instanceof ModelInput.Images image) {
            timeEmb = timeEmbedding.forward(env, image.time()); // (B, dim)
            images = encoder.encode(env, image.noisy(), timeEmb);
            x = images.patches(); // (B, P, dim)
        } else {
            ModelInput.Packed packed = (ModelInput.Packed) in.content();
            timeEmb = timeEmbedding.forward(env, packed.time()); // (NI, dim)
            images = encoder.encode(env, packed.noisy(), timeEmb);
            x = embedSequence(env, packed.tokens(), images.patches(), packed.source()); // (B, L, dim)
            patchRows = packed.patchRows();
        }
        Transformer.Output stack = transformer.forward(env, x, in.ropeCos(), in.ropeSin(), in.mask(), in.caches());
        return new ModelOutput(env, this, stack, images, timeEmb, patchRows);
    }

    /**
     * Mixes token embeddings and encoded patches into the input sequence: {@code tokens (B, L)}, encoded patches
     * {@code (NI, P, dim)} and {@code source (B, L)} → {@code (B, L, dim)}.
     */
    private Tensor embedSequence(Env env, Tensor tokenIds, Tensor patches, Tensor source) {
        Ops ops = env.ops();
        long b = tokenIds.dim(0);
        long l = tokenIds.dim(1);
        Tensor text = ops.shape().reshape(tokens.forward(env, tokenIds), b * l, dims.dim()); // (B*L, dim)
        Tensor img = ops.shape().reshape(patches, -1, dims.dim()); // (NI*P, dim)
        Tensor table = ops.shape().concat(List.of(text, img), 0);
        return ops.shape().gather(table, source, 0); // (B, L, dim)
    }

    /** The LM head: logits over the vocabulary from normalised hidden states {@code (..., dim)}. */
    Tensor lmHead(Env env, Tensor hidden) {
        if (output == null) {
            return env.ops().nn().linear(hidden, tokens.table(env), null);
        }
        return output.forward(env, hidden);
    }

    /** The patch decoder: hidden states at the patches {@code (N, P, dim)} → prediction {@code (N, C, h, w)}. */
    Tensor patchHead(Env env, Tensor atPatches, EncodedImages images, Tensor timeEmb) {
        return encoder.decode(env, atPatches, images, timeEmb);
    }

    /** The flat positions {@code rows (...)} of {@code hidden (B, T, dim)}: {@code (..., dim)}. */
    Tensor rowsOf(Env env, Tensor hidden, Tensor rows) {
        Ops ops = env.ops();
        return ops.shape().gather(ops.shape().reshape(hidden, -1, dims.dim()), rows, 0);
    }
}
