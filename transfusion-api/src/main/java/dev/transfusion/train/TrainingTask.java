package dev.transfusion.train;

import dev.transfusion.backend.AdamW;
import dev.transfusion.backend.TensorFunction;
import dev.transfusion.param.ParamSpec;
import dev.transfusion.tensor.HostTensor;
import java.util.List;
import java.util.Map;

/**
 * A model that core's training run can train besides the Transfusion model (e.g. the VAE codec): its parameters,
 * loss program, optimizer, learning-rate schedule and data. The run supplies the loop, the metrics log, the
 * non-finite guard, checkpoints and resume.
 */
public interface TrainingTask {
    /** The parameters to train. */
    List<ParamSpec> params();

    /** Initial values of every parameter (a fresh run's starting point). */
    Map<String, HostTensor> initialWeights();

    /** The loss program: scalar {@code "loss"} plus any scalar metrics to log. */
    TensorFunction loss();

    /** The optimizer (with its clipping). */
    AdamW optimizer();

    /** Number of steps to train. */
    long steps();

    /** The learning rate of 0-based {@code step}. */
    double learningRate(long step);

    /** The loss program's inputs at 0-based {@code step}; a function of the step alone, so resuming replays the data. */
    Map<String, HostTensor> batch(long step);

    /** Examples per batch (logged throughput counts these). */
    int examplesPerBatch();

    /** The task's settings as YAML, stored with every checkpoint. */
    String describe();
}
