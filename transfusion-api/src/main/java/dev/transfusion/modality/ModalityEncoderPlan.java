package dev.transfusion.modality;

/** A validated encoder config, ready to be built once the model's geometry is known. */
@FunctionalInterface
public interface ModalityEncoderPlan {
    /** Builds the encoder, registering its parameters in {@code context.params()}. */
    ModalityEncoder build(EncoderContext context);
}
