package dev.transfusion.modalities.unet;

import java.util.List;
import java.util.Objects;

/**
 * The U-Net patch encoder's settings: {@code patch} (applied to the last down level's output), {@code channels}
 * per level (level i runs at latent size / 2^i), ResNet {@code blocks} per level, GroupNorm {@code groups}
 * (dividing every channel count) and whether a learned per-patch position embedding is added.
 */
public record UNetConfig(int patch, List<Integer> channels, int blocks, int groups, boolean posEmbed) {
    /** The defaults: patch 2, channels [64, 128], one block per level, 8 groups, position embedding on. */
    public static UNetConfig defaults() {
        return new UNetConfig(2, List.of(64, 128), 1, 8, true);
    }

    public UNetConfig {
        channels = List.copyOf(Objects.requireNonNull(channels, "channels"));
        if (patch < 1) {
            throw new IllegalArgumentException("patch must be >= 1, got " + patch);
        }
        if (channels.isEmpty()) {
            throw new IllegalArgumentException("channels must list at least one level");
        }
        if (blocks < 1) {
            throw new IllegalArgumentException("blocks must be >= 1, got " + blocks);
        }
        if (groups < 1) {
            throw new IllegalArgumentException("groups must be >= 1, got " + groups);
        }
        for (int c : channels) {
            if (c < 1 || c % groups != 0) {
                throw new IllegalArgumentException("groups " + groups + " must divide every channel count, got "
                        + channels);
            }
        }
    }

    /** Number of resolution levels. */
    public int levels() {
        return channels.size();
    }

    /** Total downsampling of the down path: {@code 2^(levels-1)}. */
    public int downsampling() {
        return 1 << (levels() - 1);
    }

    /** Why {@code latentSize} does not fit this config (null when it does): it must divide by 2^(levels-1)·patch. */
    public String sizeProblem(int latentSize) {
        if (latentSize % downsampling() != 0) {
            return levels() + " levels downsample by " + downsampling() + ", which does not divide the latent size "
                    + latentSize;
        }
        int grid = latentSize / downsampling();
        if (grid % patch != 0) {
            return "patch size " + patch + " does not divide the last down level's size " + grid + " (latent size "
                    + latentSize + " / " + downsampling() + ")";
        }
        return null;
    }

    /** Patches per image for a latent of {@code latentSize}: {@code (size / 2^(levels-1) / patch)²}. */
    public int patchesPerImage(int latentSize) {
        String problem = sizeProblem(latentSize);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        int side = latentSize / downsampling() / patch;
        return side * side;
    }
}
