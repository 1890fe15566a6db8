package dev.transfusion.modalities.vae;

import dev.transfusion.backend.Backend;
import dev.transfusion.backend.CompiledFunction;
import dev.transfusion.backend.ParameterStore;
import dev.transfusion.modality.LatentCodec;
import dev.transfusion.modality.LatentGeometry;
import dev.transfusion.tensor.HostTensor;
import dev.transfusion.tensor.Shape;
import java.util.Map;
import java.util.Objects;

/**
 * The VAE as a latent codec: encoding is deterministic (posterior mean × scale factor), decoding divides by the
 * scale factor and maps back to pixels in [0, 1]. Both run as compiled inference programs on the backend, in
 * chunks of {@value #CHUNK} images. The weights live in a parameter store on that backend until it is closed.
 */
public final class VaeCodec implements LatentCodec {
    static final int CHUNK = 64;
    private final TrainedVae vae;
    private final String source;
    private final CompiledFunction encodeFn;
    private final CompiledFunction decodeFn;

    /** Places {@code vae}'s weights on {@code backend}; {@code source} (e.g. the checkpoint path) names it in errors. */
    public VaeCodec(Backend backend, TrainedVae vae, String source) {
        Objects.requireNonNull(backend, "backend");
        this.vae = Objects.requireNonNull(vae, "vae");
        this.source = Objects.requireNonNull(source, "source");
        VaeModel model = new VaeModel(vae.config());
        ParameterStore params = backend.createParameters(model.params(), vae.weights());
        this.encodeFn = backend.compile("vae_encode", VaePrograms.encode(model, vae.scaleFactor()), params);
        this.decodeFn = backend.compile("vae_decode", VaePrograms.decode(model, vae.scaleFactor()), params);
    }

    /** The architecture. */
    public VaeConfig config() {
        return vae.config();
    }

    /** The latent scale factor applied after encoding. */
    public double scaleFactor() {
        return vae.scaleFactor();
    }

    @Override
    public LatentGeometry latentGeometry(int channels, int imageSize) {
        if (channels != vae.config().imageChannels()) {
            throw new IllegalArgumentException("VAE " + source + " encodes " + vae.config().imageChannels()
                    + "-channel images, asked for " + channels);
        }
        try {
            return new LatentGeometry(vae.config().latentChannels(), vae.config().latentSize(imageSize));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("VAE " + source + ": " + e.getMessage(), e);
        }
    }

    @Override
    public HostTensor encode(HostTensor images) {
        Objects.requireNonNull(images, "images");
        Shape s = images.shape();
        if (s.rank() != 4) {
            throw new IllegalArgumentException("VAE encode needs images (N, C, H, W), got " + s);
        }
        LatentGeometry g = latentGeometry(s.dimInt(1), s.dimInt(2));
        if (s.dim(3) != s.dim(2)) {
            throw new IllegalArgumentException("VAE encode needs square images, got " + s);
        }
        return chunked(encodeFn, VaePrograms.IMAGES, images, VaePrograms.LATENTS,
                Shape.of(g.channels(), g.size(), g.size()));
    }

    @Override
    public HostTensor decode(HostTensor latents) {
        Objects.requireNonNull(latents, "latents");
        Shape s = latents.shape();
        VaeConfig c = vae.config();
        if (s.rank() != 4 || s.dim(1) != c.latentChannels() || s.dim(2) != s.dim(3)) {
            throw new IllegalArgumentException("VAE " + source + " decodes latents (N, " + c.latentChannels()
                    + ", h, h), got " + s);
        }
        int size = s.dimInt(2) * c.downsample();
        return chunked(decodeFn, VaePrograms.LATENTS, latents, VaePrograms.IMAGES,
                Shape.of(c.imageChannels(), size, size));
    }

    /** Runs {@code fn} over {@code x (N, ...)} in chunks and stacks the {@code (N, itemShape)} outputs. */
    private static HostTensor chunked(CompiledFunction fn, String inName, HostTensor x, String outName,
            Shape itemShape) {
        int n = x.shape().dimInt(0);
        int inPer = Math.toIntExact(x.shape().size() / Math.max(1, n));
        int outPer = Math.toIntExact(itemShape.size());
        float[] out = new float[n * outPer];
        float[] src = x.floats();
        for (int from = 0; from < n; from += CHUNK) {
            int len = Math.min(CHUNK, n - from);
            float[] part = new float[len * inPer];
            System.arraycopy(src, from * inPer, part, 0, part.length);
            HostTensor in = HostTensor.floats(x.shape().with(0, len), part);
            float[] y = fn.callHost(Map.of(inName, in)).get(outName).floats();
            System.arraycopy(y, 0, out, from * outPer, len * outPer);
        }
        return HostTensor.floats(Shape.of(n).concat(itemShape), out);
    }
}
