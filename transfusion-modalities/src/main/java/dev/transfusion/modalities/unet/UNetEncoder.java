package dev.transfusion.modalities.unet;

import dev.transfusion.backend.Env;
import dev.transfusion.modality.EncodedImages;
import dev.transfusion.modality.LatentGeometry;
import dev.transfusion.modality.ModalityEncoder;
import dev.transfusion.modality.Patches;
import dev.transfusion.nn.Conv2d;
import dev.transfusion.nn.GroupNorm;
import dev.transfusion.nn.Linear;
import dev.transfusion.nn.ResBlock;
import dev.transfusion.param.Init;
import dev.transfusion.param.ParamBuilder;
import dev.transfusion.tensor.Shape;
import dev.transfusion.tensor.Tensor;
import dev.transfusion.tensor.ops.Ops;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The paper's U-Net patch encoder/decoder. Down path: {@code conv_in}, then per level {@code down.i.res.j}
 * time-conditioned ResNet blocks and (between levels) a stride-2 {@code down.i.downsample} conv; the last level's
 * output is cut into k×k patches and projected by {@code patch_in} to the transformer width, plus the timestep
 * embedding. Up path: {@code patch_out} back to the patch grid, then per level (deepest first) the level's skip
 * concatenated on channels, {@code up.i.res.j} blocks, and (above level 0) {@code up.i.upsample} = nearest ×2 +
 * conv; finally {@code norm_out}, SiLU and a small-init {@code conv_out} to the latent channels. {@code up.i} runs
 * at the resolution of {@code down.i}.
 */
public final class UNetEncoder implements ModalityEncoder {
    private final UNetConfig config;
    private final boolean skips;
    private final int latentChannels;
    private final int gridSize;
    private final int patches;
    private final Conv2d convIn;
    private final List<List<ResBlock>> down = new ArrayList<>();
    private final List<Conv2d> downsample = new ArrayList<>();
    private final Linear patchIn;
    private final String posEmbed;
    private final Linear patchOut;
    private final List<List<ResBlock>> up = new ArrayList<>();
    private final List<Conv2d> upsample = new ArrayList<>();
    private final GroupNorm normOut;
    private final Conv2d convOut;

    /**
     * Builds the encoder for {@code latent} images and {@code dim}-wide patch vectors, registering its parameters in
     * {@code p}.
     */
    public UNetEncoder(ParamBuilder p, int dim, LatentGeometry latent, UNetConfig config) {
        this(p, dim, latent, config, true);
    }

    /** As above; {@code skips = false} builds the same network without skip connections (for tests). */
    UNetEncoder(ParamBuilder p, int dim, LatentGeometry latent, UNetConfig config, boolean skips) {
        Objects.requireNonNull(p, "p");
        Objects.requireNonNull(latent, "latent");
        this.config = Objects.requireNonNull(config, "config");
        this.skips = skips;
        this.latentChannels = latent.channels();
        this.patches = config.patchesPerImage(latent.size());
        this.gridSize = latent.size() / config.downsampling();
        int levels = config.levels();
        int groups = config.groups();
        List<Integer> ch = config.channels();

        this.convIn = new Conv2d(p, "conv_in", latentChannels, ch.get(0), 3, 1);
        int c = ch.get(0);
        for (int i = 0; i < levels; i++) {
            ParamBuilder level = p.child("down").child(Integer.toString(i));
            List<ResBlock> blocks = new ArrayList<>();
            for (int j = 0; j < config.blocks(); j++) {
                blocks.add(new ResBlock(level.child("res"), Integer.toString(j), c, ch.get(i), groups, dim));
                c = ch.get(i);
            }
            down.add(blocks);
            if (i < levels - 1) {
                downsample.add(new Conv2d(level, "downsample", c, c, 3, 2));
            }
        }

        int last = ch.get(levels - 1);
        int patchDim = last * config.patch() * config.patch();
        this.patchIn = new Linear(p, "patch_in", patchDim, dim, true);
        this.posEmbed = config.posEmbed()
                ? p.param("pos_embed", Shape.of(1, patches, dim), new Init.Normal(0.02), false) : null;
        this.patchOut = new Linear(p, "patch_out", dim, patchDim, true);

        for (int i = 0; i < levels; i++) {
            up.add(null);
            upsample.add(null);
        }
        c = last;
        for (int i = levels - 1; i >= 0; i--) {
            ParamBuilder level = p.child("up").child(Integer.toString(i));
            List<ResBlock> blocks = new ArrayList<>();
            int in = skips ? c + ch.get(i) : c;
            for (int j = 0; j < config.blocks(); j++) {
                blocks.add(new ResBlock(level.child("res"), Integer.toString(j), in, ch.get(i), groups, dim));
                in = ch.get(i);
            }
            up.set(i, blocks);
            c = ch.get(i);
            if (i > 0) {
                upsample.set(i, new Conv2d(level, "upsample", c, ch.get(i - 1), 3, 1));
                c = ch.get(i - 1);
            }
        }
        this.normOut = new GroupNorm(p, "norm_out", groups, ch.get(0));
        this.convOut = new Conv2d(p, "conv_out", ch.get(0), latentChannels, 3, 1,
                new Init.Uniform(0.1 / Math.sqrt(9.0 * ch.get(0))));
    }

    /** The validated settings. */
    public UNetConfig config() {
        return config;
    }

    @Override
    public int patchesPerImage() {
        return patches;
    }

    @Override
    public EncodedImages encode(Env env, Tensor latents, Tensor timeEmb) {
        Objects.requireNonNull(latents, "latents");
        Objects.requireNonNull(timeEmb, "timeEmb");
        Ops ops = env.ops();
        Tensor x = convIn.forward(env, latents); // (N, c0, S, S)
        List<Tensor> skipActs = new ArrayList<>();
        for (int i = 0; i < config.levels(); i++) {
            for (ResBlock b : down.get(i)) {
                x = b.forward(env, x, timeEmb); // (N, c_i, S/2^i, S/2^i)
            }
            skipActs.add(x);
            if (i < config.levels() - 1) {
                x = downsample.get(i).forward(env, x); // (N, c_i, S/2^(i+1), S/2^(i+1))
            }
        }
        Tensor tokens = patchIn.forward(env, Patches.patchify(ops.shape(), x, config.patch())); // (N, P, dim)
        tokens = ops.math().add(tokens, ops.shape().expandDims(timeEmb, 1));
        if (posEmbed != null) {
            tokens = ops.math().add(tokens, env.param(posEmbed));
        }
        return new EncodedImages(tokens, skips ? skipActs : List.of());
    }

    @Override
    public Tensor decode(Env env, Tensor hidden, EncodedImages encoded, Tensor timeEmb) {
        Objects.requireNonNull(hidden, "hidden");
        Objects.requireNonNull(encoded, "encoded");
        Objects.requireNonNull(timeEmb, "timeEmb");
        if (skips && encoded.skips().size() != config.levels()) {
            throw new IllegalArgumentException("the U-Net decoder needs " + config.levels() + " skip activations, got "
                    + encoded.skips().size());
        }
        Ops ops = env.ops();
        int last = config.channels().get(config.levels() - 1);
        Tensor y = patchOut.forward(env, hidden); // (N, P, c_last·k·k)
        Tensor x = Patches.unpatchify(ops.shape(), y, config.patch(), last, gridSize, gridSize); // (N, c_last, g, g)
        for (int i = config.levels() - 1; i >= 0; i--) {
            if (skips) {
                x = ops.shape().concat(List.of(x, encoded.skips().get(i)), 1); // (N, c + c_i, S/2^i, S/2^i)
            }
            for (ResBlock b : up.get(i)) {
                x = b.forward(env, x, timeEmb); // (N, c_i, S/2^i, S/2^i)
            }
            if (i > 0) {
                x = upsample.get(i).forward(env, ops.nn().upsampleNearest2d(x, 2)); // (N, c_(i-1), S/2^(i-1), ..)
            }
        }
        return convOut.forward(env, ops.nn().silu(normOut.forward(env, x))); // (N, C, S, S)
    }
}
