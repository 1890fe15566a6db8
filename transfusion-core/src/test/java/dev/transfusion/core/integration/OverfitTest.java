package dev.transfusion.core.integration;

import static org.assertj.core.api.Assertions.assertThat;

import dev.transfusion.backend.ParameterStore;
import dev.transfusion.backend.StepResult;
import dev.transfusion.backend.TrainStep;
import dev.transfusion.core.config.ConfigLoader;
import dev.transfusion.core.config.ExperimentConfig;
import dev.transfusion.core.model.LossKeys;
import dev.transfusion.core.runtime.Experiment;
import dev.transfusion.core.train.TrainingBatch;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The whole Transfusion objective on a tiny model memorises one fixed batch of shapes documents. */
class OverfitTest {
    static final String TINY = """
            seed: 7
            backend: { type: djl }
            model: { dim: 64, layers: 2, heads: 4 }
            image: { size: 16, encoder: { type: linear, patch: 4 } }
            data: { dataset: { type: shapes, image_size: 16 } }
            train: { steps: 200, batch: 4, seq_len: 64, lr: 3.0e-3, warmup: 10, min_lr: 3.0e-4 }
            """;

    @Test
    void tinyModelOverfitsOneBatch() {
        ExperimentConfig config = ConfigLoader.parse(TINY, "overfit.yaml", List.of());
        try (Experiment e = Experiment.create(config, Path.of("."))) {
            ParameterStore params = e.initParameters();
            TrainingBatch batch = e.batches().batch(0);
            assertThat(batch.images()).isGreaterThan(0);
            try (TrainStep step = e.compileTrainStep(params)) {
                double first = Double.NaN;
                double last = Double.NaN;
                double firstLm = 0;
                double firstDiff = 0;
                StepResult r = null;
                for (int s = 0; s < config.train().steps(); s++) {
                    r = step.run(batch.inputs(), e.learningRate().at(s));
                    if (s == 0) {
                        first = r.loss();
                        firstLm = r.metrics().get(LossKeys.LM_LOSS);
                        firstDiff = r.metrics().get(LossKeys.DIFFUSION_LOSS);
                    }
                    last = r.loss();
                }
                System.out.printf("overfit: loss %.4f -> %.4f (lm %.3f -> %.3f, diffusion %.3f -> %.3f)%n", first, last,
                        firstLm, r.metrics().get(LossKeys.LM_LOSS), firstDiff,
                        r.metrics().get(LossKeys.DIFFUSION_LOSS));
                assertThat(last).isLessThan(first / 20);
            }
        }
    }
}
