package dev.transfusion.core.train;

import dev.transfusion.tensor.HostTensor;
import java.util.Map;

/** One step's model inputs plus bookkeeping: how many positions hold real tokens or patches, and images. */
public record TrainingBatch(Map<String, HostTensor> inputs, int tokens, int images, int droppedDocuments) {
    public TrainingBatch {
        inputs = Map.copyOf(inputs);
    }
}
