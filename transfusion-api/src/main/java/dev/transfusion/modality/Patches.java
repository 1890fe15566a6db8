package dev.transfusion.modality;

import dev.transfusion.tensor.Tensor;
import dev.transfusion.tensor.ops.ShapeOps;

/** Cutting latents into k×k patches in raster order and putting them back. */
public final class Patches {
    private Patches() {
    }

    /** {@code (N, C, H, W)} → {@code (N, (H/k)·(W/k), C·k·k)}. */
    public static Tensor patchify(ShapeOps s, Tensor x, int k) {
        long n = x.dim(0);
        long c = x.dim(1);
        long h = x.dim(2);
        long w = x.dim(3);
        if (h % k != 0 || w % k != 0) {
            throw new IllegalArgumentException("patch size " + k + " does not divide latent " + h + "x" + w);
        }
        Tensor r = s.reshape(x, n, c, h / k, k, w / k, k);
        r = s.transpose(r, 0, 2, 4, 1, 3, 5); // (N, H/k, W/k, C, k, k)
        return s.reshape(r, n, (h / k) * (w / k), c * k * k);
    }

    /** {@code (N, P, C·k·k)} → {@code (N, C, H, W)} for an {@code H × W} latent. */
    public static Tensor unpatchify(ShapeOps s, Tensor x, int k, int channels, int h, int w) {
        long n = x.dim(0);
        Tensor r = s.reshape(x, n, h / k, w / k, channels, k, k);
        r = s.transpose(r, 0, 3, 1, 4, 2, 5); // (N, C, H/k, k, W/k, k)
        return s.reshape(r, n, channels, h, w);
    }
}
