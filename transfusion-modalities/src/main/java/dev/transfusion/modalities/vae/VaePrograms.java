package dev.transfusion.modalities.vae;

import dev.transfusion.backend.TensorFunction;
import dev.transfusion.tensor.Tensor;
import dev.transfusion.tensor.ops.MathOps;
import java.util.Map;
import java.util.Objects;

/** The VAE's inference programs: deterministic encoding (mean × scale) and decoding (÷ scale, to [0, 1]). */
public final class VaePrograms {
    /** Input/output name of a pixel batch {@code (N, C, H, W)} in [0, 1]. */
    public static final String IMAGES = "images";
    /** Input/output name of a latent batch {@code (N, L, h, w)}. */
    public static final String LATENTS = "latents";

    private VaePrograms() {
    }

    /** {@code images → latents = mean(images) · scale}. */
    public static TensorFunction encode(VaeModel model, double scale) {
        Objects.requireNonNull(model, "model");
        return (env, in) -> {
            Tensor images = Objects.requireNonNull(in.get(IMAGES), "input 'images'");
            Tensor mean = model.encode(env, images).mean(); // (N, L, h, w)
            return Map.of(LATENTS, env.ops().math().mul(mean, scale));
        };
    }

    /** {@code latents → images = clamp((decode(latents / scale) + 1) / 2, 0, 1)}. */
    public static TensorFunction decode(VaeModel model, double scale) {
        Objects.requireNonNull(model, "model");
        return (env, in) -> {
            MathOps m = env.ops().math();
            Tensor latents = Objects.requireNonNull(in.get(LATENTS), "input 'latents'");
            Tensor y = model.decode(env, m.mul(latents, 1.0 / scale)); // (N, C, H, W) in [-1, 1] space
            return Map.of(IMAGES, m.clip(m.mul(m.add(y, 1.0), 0.5), 0, 1));
        };
    }
}
