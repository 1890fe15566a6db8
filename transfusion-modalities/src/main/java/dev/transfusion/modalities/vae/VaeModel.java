package dev.transfusion.modalities.vae;

import dev.transfusion.backend.Env;
import dev.transfusion.nn.Conv2d;
import dev.transfusion.nn.GroupNorm;
import dev.transfusion.nn.ResBlock;
import dev.transfusion.param.Init;
import dev.transfusion.param.ParamBuilder;
import dev.transfusion.param.ParamSpec;
import dev.transfusion.tensor.Tensor;
import dev.transfusion.tensor.ops.Ops;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A small KL-regularised convolutional autoencoder (the latent-diffusion VAE, shrunk). Encoder: {@code conv_in} at
 * full resolution, then per level a stride-2 {@code downsample} conv and ResNet blocks at the reduced size, then
 * GroupNorm-SiLU-conv to mean and log-variance. The decoder mirrors it: per level ResNet blocks, then nearest ×2 +
 * conv {@code upsample}; finally GroupNorm-SiLU-conv to pixels. Keeping the ResNet blocks off the full resolution
 * keeps it cheap on a CPU. Pixels in [0, 1] are mapped to
 * [-1, 1] on the way in; the decoder's output is in [-1, 1] space.
 */
public final class VaeModel {
    private final VaeConfig config;
    private final Conv2d encIn;
    private final List<List<ResBlock>> encBlocks = new ArrayList<>();
    private final List<Conv2d> encDown = new ArrayList<>();
    private final GroupNorm encNorm;
    private final Conv2d encOut;
    private final Conv2d decIn;
    private final List<Conv2d> decUp = new ArrayList<>();
    private final List<List<ResBlock>> decBlocks = new ArrayList<>();
    private final GroupNorm decNorm;
    private final Conv2d decOut;
    private final List<ParamSpec> params;

    /** The mean and log-variance of the latent posterior, each {@code (N, latent, h, w)}. */
    public record Moments(Tensor mean, Tensor logVar) {
    }

    /** Builds the network and registers its parameters ({@code encoder.*}, {@code decoder.*}). */
    public VaeModel(VaeConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        ParamBuilder root = new ParamBuilder();
        List<Integer> ch = config.channels();
        int g = config.groups();
        int levels = config.levels();
        int lastCh = ch.get(levels - 1);

        ParamBuilder enc = root.child("encoder");
        this.encIn = new Conv2d(enc, "conv_in", config.imageChannels(), ch.get(0), 3, 1);
        int c = ch.get(0);
        for (int i = 0; i < levels; i++) {
            ParamBuilder level = enc.child("down").child(Integer.toString(i));
            encDown.add(new Conv2d(level, "downsample", c, ch.get(i), 3, 2));
            c = ch.get(i);
            List<ResBlock> blocks = new ArrayList<>();
            for (int j = 0; j < config.blocks(); j++) {
                blocks.add(new ResBlock(level.child("res"), Integer.toString(j), c, c, g, 0));
            }
            encBlocks.add(blocks);
        }
        this.encNorm = new GroupNorm(enc, "norm_out", g, lastCh);
        this.encOut = new Conv2d(enc, "conv_out", lastCh, 2 * config.latentChannels(), 3, 1);

        ParamBuilder dec = root.child("decoder");
        this.decIn = new Conv2d(dec, "conv_in", config.latentChannels(), lastCh, 3, 1);
        for (int i = 0; i < levels; i++) {
            decUp.add(null);
            decBlocks.add(null);
        }
        for (int i = levels - 1; i >= 0; i--) {
            ParamBuilder level = dec.child("up").child(Integer.toString(i));
            List<ResBlock> blocks = new ArrayList<>();
            for (int j = 0; j < config.blocks(); j++) {
                blocks.add(new ResBlock(level.child("res"), Integer.toString(j), ch.get(i), ch.get(i), g, 0));
            }
            decBlocks.set(i, blocks);
            decUp.set(i, new Conv2d(level, "upsample", ch.get(i), ch.get(Math.max(0, i - 1)), 3, 1));
        }
        this.decNorm = new GroupNorm(dec, "norm_out", g, ch.get(0));
        this.decOut = new Conv2d(dec, "conv_out", ch.get(0), config.imageChannels(), 3, 1,
                new Init.Uniform(0.5 / Math.sqrt(9.0 * ch.get(0))));
        this.params = root.specs();
    }

    /** The architecture. */
    public VaeConfig config() {
        return config;
    }

    /** Every parameter, in registration order. */
    public List<ParamSpec> params() {
        return params;
    }

    /** {@code pixels (N, C, H, W)} in [0, 1] → the posterior's mean and log-variance {@code (N, L, H/d, W/d)}. */
    public Moments encode(Env env, Tensor pixels) {
        Ops ops = env.ops();
        Tensor x = encIn.forward(env, ops.math().add(ops.math().mul(pixels, 2.0), -1.0)); // (N, c0, H, W)
        for (int i = 0; i < config.levels(); i++) {
            x = encDown.get(i).forward(env, x); // (N, c_i, H/2^(i+1), W/2^(i+1))
            for (ResBlock b : encBlocks.get(i)) {
                x = b.forward(env, x, null);
            }
        }
        Tensor m = encOut.forward(env, ops.nn().silu(encNorm.forward(env, x))); // (N, 2L, h, w)
        int l = config.latentChannels();
        Tensor mean = ops.shape().slice(m, 1, 0, l);
        Tensor logVar = ops.math().clip(ops.shape().slice(m, 1, l, l), -30, 20);
        return new Moments(mean, logVar);
    }

    /** {@code latents (N, L, h, w)} → reconstruction {@code (N, C, h·d, w·d)} in [-1, 1] space (not clamped). */
    public Tensor decode(Env env, Tensor latents) {
        Ops ops = env.ops();
        Tensor x = decIn.forward(env, latents); // (N, c_last, h, w)
        for (int i = config.levels() - 1; i >= 0; i--) {
            for (ResBlock b : decBlocks.get(i)) {
                x = b.forward(env, x, null); // (N, c_i, H/2^(i+1), W/2^(i+1))
            }
            x = decUp.get(i).forward(env, ops.nn().upsampleNearest2d(x, 2)); // (N, c_(i-1), H/2^i, W/2^i)
        }
        return decOut.forward(env, ops.nn().silu(decNorm.forward(env, x))); // (N, C, H, W)
    }
}
