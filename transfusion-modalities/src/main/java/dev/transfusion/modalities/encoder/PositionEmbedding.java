package dev.transfusion.modalities.encoder;

import dev.transfusion.param.Init;
import dev.transfusion.param.ParamBuilder;
import dev.transfusion.plugin.ComponentSpec;
import dev.transfusion.tensor.Shape;
import java.util.Locale;

/** The per-patch position embedding of the linear encoder ({@code pos_embed}). */
public enum PositionEmbedding {
    /** None: patch positions come only from the transformer's RoPE over the sequence. */
    NONE,
    /** Learned, initialised small at random (the paper's linear encoder). */
    LEARNED,
    /** Learned, initialised to the 2-D sine-cosine table (ViT/DiT), so 2-D neighbourhoods are known from step 0. */
    SINCOS;

    /** Reads {@code pos_embed}: learned (default, or true), sincos, or none (or false). */
    public static PositionEmbedding read(ComponentSpec spec) {
        String v = spec.getString("pos_embed", "learned").toLowerCase(Locale.ROOT);
        return switch (v) {
            case "learned", "true" -> LEARNED;
            case "sincos" -> SINCOS;
            case "none", "false" -> NONE;
            default -> throw spec.error("pos_embed", "expected learned, sincos or none, got '" + v + "'");
        };
    }

    /**
     * Registers {@code pos_embed} of shape {@code (1, grid², dim)} for a {@code grid × grid} patch grid, or returns
     * null for {@link #NONE}.
     */
    public String register(ParamBuilder params, int grid, int dim) {
        Shape shape = Shape.of(1, (long) grid * grid, dim);
        return switch (this) {
            case NONE -> null;
            case LEARNED -> params.param("pos_embed", shape, new Init.Normal(0.02), false);
            case SINCOS -> params.param("pos_embed", shape, new Init.SinCos2d(grid), false);
        };
    }
}
