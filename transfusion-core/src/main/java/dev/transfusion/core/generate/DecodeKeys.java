package dev.transfusion.core.generate;

import dev.transfusion.core.model.BatchKeys;

/**
 * Names of the inputs and outputs of the decoding step program ({@link CachedForward}). Inputs that mean what a
 * training batch's do share its names (see {@link BatchKeys}); shapes are those of one step over B rows, T new
 * positions and a cache of S slots.
 */
public final class DecodeKeys {
    /** Input, text step: {@code (B, T)} int32 new tokens. */
    public static final String TOKENS = BatchKeys.TOKENS;
    /** Input, image step: {@code (B, C, h, w)} float latents, one image per row. */
    public static final String NOISY = BatchKeys.NOISY;
    /** Input, image step: {@code (B)} float model time of each row's image. */
    public static final String TIME = BatchKeys.TIME;
    /** Input: {@code (B, 1, T, D/2)} RoPE cosines of the new positions. */
    public static final String ROPE_COS = BatchKeys.ROPE_COS;
    /** Input: {@code (B, 1, T, D/2)} RoPE sines of the new positions. */
    public static final String ROPE_SIN = BatchKeys.ROPE_SIN;
    /** Input: {@code (B, 1, T, S)} float additive mask of the new positions over the cache slots. */
    public static final String MASK = BatchKeys.MASK;
    /** Input: {@code (S)} int32, for each cache slot the new position written there. */
    public static final String SLOT_SOURCE = "slot_source";
    /** Input: {@code (1, 1, S, 1)} float 1 at the slots the new positions fill. */
    public static final String SLOT_IS_NEW = "slot_is_new";
    /** Output: {@code (B, T, V)} LM logits at the new positions. */
    public static final String LOGITS = "logits";
    /** Output, image step: {@code (B, C, h, w)} the patch decoder's prediction (the objective's output). */
    public static final String PREDICTION = "prediction";

    private DecodeKeys() {
    }

    /** Input and output: layer {@code layer}'s cached keys {@code (B, H, S, D)}. */
    public static String keys(int layer) {
        return "k." + layer;
    }

    /** Input and output: layer {@code layer}'s cached values {@code (B, H, S, D)}. */
    public static String values(int layer) {
        return "v." + layer;
    }
}
