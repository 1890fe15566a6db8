package dev.transfusion.modalities.vae;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The VAE's architecture: image channels, {@code latentChannels}, total {@code downsample} (4 or 8, i.e. 2 or 3
 * stride-2 levels), {@code channels} per level (one per stride-2 step), ResNet {@code blocks} per level and
 * GroupNorm {@code groups} (dividing every channel count).
 */
public record VaeConfig(int imageChannels, int latentChannels, int downsample, List<Integer> channels, int blocks,
        int groups) {
    /** The {@code __metadata__} value that marks a safetensors file as one of our VAEs. */
    public static final String FORMAT = "transfusion-vae/1";

    public VaeConfig {
        channels = List.copyOf(Objects.requireNonNull(channels, "channels"));
        if (imageChannels < 1 || latentChannels < 1) {
            throw new IllegalArgumentException("image and latent channels must be >= 1, got " + imageChannels + ", "
                    + latentChannels);
        }
        if (downsample != 4 && downsample != 8) {
            throw new IllegalArgumentException("downsample must be 4 or 8, got " + downsample);
        }
        if (channels.size() != levels(downsample)) {
            throw new IllegalArgumentException("downsample " + downsample + " needs " + levels(downsample)
                    + " channel counts (one per stride-2 level), got " + channels);
        }
        if (blocks < 1 || groups < 1) {
            throw new IllegalArgumentException("blocks and groups must be >= 1, got " + blocks + ", " + groups);
        }
        for (int c : channels) {
            if (c < 1 || c % groups != 0) {
                throw new IllegalArgumentException(groups + " groups must divide every channel count, got " + channels);
            }
        }
    }

    /** A small RGB VAE: 8 latent channels, downsample 4, channels [32, 64], one block per level, 8 groups. */
    public static VaeConfig small() {
        return new VaeConfig(3, 8, 4, List.of(32, 64), 1, 8);
    }

    /** Number of stride-2 levels. */
    public int levels() {
        return levels(downsample);
    }

    /** Latent side length for images of {@code imageSize}; the size must divide by {@code downsample}. */
    public int latentSize(int imageSize) {
        if (imageSize < downsample || imageSize % downsample != 0) {
            throw new IllegalArgumentException("image size " + imageSize + " is not divisible by the VAE's downsample "
                    + downsample);
        }
        return imageSize / downsample;
    }

    /** This config as safetensors {@code __metadata__} entries (all strings). */
    public Map<String, String> toMetadata() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("format", FORMAT);
        m.put("image_channels", Integer.toString(imageChannels));
        m.put("latent_channels", Integer.toString(latentChannels));
        m.put("downsample", Integer.toString(downsample));
        m.put("channels", channels.stream().map(String::valueOf).collect(Collectors.joining(",")));
        m.put("blocks", Integer.toString(blocks));
        m.put("groups", Integer.toString(groups));
        return m;
    }

    /** Reads the config back from metadata; {@code where} (the file) is named in errors. */
    public static VaeConfig fromMetadata(Map<String, String> m, String where) {
        Objects.requireNonNull(m, "metadata");
        if (!FORMAT.equals(m.get("format"))) {
            throw new IllegalArgumentException(where + " is not a transfusion VAE checkpoint: __metadata__.format is "
                    + (m.containsKey("format") ? "'" + m.get("format") + "'" : "missing") + ", expected '" + FORMAT + "'");
        }
        try {
            List<Integer> ch = java.util.Arrays.stream(require(m, "channels", where).split(","))
                    .map(String::trim).map(Integer::parseInt).toList();
            return new VaeConfig(Integer.parseInt(require(m, "image_channels", where)),
                    Integer.parseInt(require(m, "latent_channels", where)),
                    Integer.parseInt(require(m, "downsample", where)), ch,
                    Integer.parseInt(require(m, "blocks", where)), Integer.parseInt(require(m, "groups", where)));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": bad VAE config in __metadata__: " + e.getMessage(), e);
        }
    }

    private static String require(Map<String, String> m, String key, String where) {
        String v = m.get(key);
        if (v == null) {
            throw new IllegalArgumentException(where + ": __metadata__ lacks '" + key + "'");
        }
        return v;
    }

    private static int levels(int downsample) {
        return Integer.numberOfTrailingZeros(downsample);
    }
}
