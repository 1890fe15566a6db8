package dev.transfusion.modality;

import dev.transfusion.plugin.ComponentFactory;

/** Plugin kind for patch encoders ({@code image.encoder.type}); register in META-INF/services. */
public interface ModalityEncoderFactory extends ComponentFactory<ModalityEncoderPlan> {
}
