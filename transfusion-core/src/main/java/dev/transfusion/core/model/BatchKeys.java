package dev.transfusion.core.model;

/** Names of the tensors a packed training batch feeds the model's programs. */
public final class BatchKeys {
    /** {@code (B, L)} int32 token ids (PAD at patch and padding positions). */
    public static final String TOKENS = "tokens";
    /** {@code (B, L)} int32 rows of {@code [text embeddings; patch vectors]} each position takes. */
    public static final String SOURCE = "source";
    /** {@code (NI, P)} int32 flat positions of every image patch. */
    public static final String PATCH_ROWS = "patch_rows";
    /** {@code (NI, C, h, w)} float noisy latents x_t. */
    public static final String NOISY = "noisy";
    /** {@code (NI)} float model time of each image. */
    public static final String TIME = "time";
    /** {@code (NI, C, h, w)} float regression target (ε, v, x0 or velocity). */
    public static final String TARGET = "target";
    /** {@code (NI)} float loss weight of each image slot: the objective's {@code lossWeight(t)} (1 by default), 0 if empty. */
    public static final String IMAGE_WEIGHT = "image_weight";
    /** {@code (B, L)} int32 next-token targets. */
    public static final String TEXT_TARGETS = "text_targets";
    /** {@code (B, L)} float 1 where the next-token loss applies. */
    public static final String TEXT_MASK = "text_mask";
    /** {@code (B, 1, L, L)} float additive attention mask. */
    public static final String MASK = "mask";
    /** {@code (L, D/2)} RoPE cosines. */
    public static final String ROPE_COS = "rope_cos";
    /** {@code (L, D/2)} RoPE sines. */
    public static final String ROPE_SIN = "rope_sin";

    private BatchKeys() {
    }
}
