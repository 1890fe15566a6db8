package dev.transfusion.core.model;

/** Names of the scalar outputs of the training loss program ({@link TransfusionLoss}). */
public final class LossKeys {
    /** The total {@code L_LM + λ·L_diffusion}: the scalar a backend differentiates (the TensorFunction contract). */
    public static final String LOSS = "loss";
    /** Next-token cross-entropy averaged over text targets. */
    public static final String LM_LOSS = "lm_loss";
    /** The diffusion MSE averaged within each image, then over the batch's real images. */
    public static final String DIFFUSION_LOSS = "diffusion_loss";

    private LossKeys() {
    }
}
