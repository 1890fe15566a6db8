package dev.transfusion.backend;

import dev.transfusion.tensor.HostTensor;
import java.util.Map;

/** A scalar loss value and its gradients with respect to chosen inputs and all parameters. */
public record GradientResult(double loss, Map<String, HostTensor> inputGradients, Map<String, HostTensor> paramGradients) {
}
