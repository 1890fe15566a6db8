package dev.transfusion.modalities.codec;

import dev.transfusion.modality.LatentCodec;
import dev.transfusion.modality.LatentGeometry;
import dev.transfusion.tensor.HostTensor;

/** The identity codec: pixels in [0, 1] become latents in [-1, 1] of the same shape. */
public final class PixelCodec implements LatentCodec {
    @Override
    public LatentGeometry latentGeometry(int channels, int imageSize) {
        return new LatentGeometry(channels, imageSize);
    }

    @Override
    public HostTensor encode(HostTensor images) {
        float[] src = images.floats();
        float[] dst = new float[src.length];
        for (int i = 0; i < src.length; i++) {
            dst[i] = src[i] * 2f - 1f;
        }
        return HostTensor.floats(images.shape(), dst);
    }

    @Override
    public HostTensor decode(HostTensor latents) {
        float[] src = latents.floats();
        float[] dst = new float[src.length];
        for (int i = 0; i < src.length; i++) {
            dst[i] = Math.min(1f, Math.max(0f, (src[i] + 1f) * 0.5f));
        }
        return HostTensor.floats(latents.shape(), dst);
    }
}
