package dev.transfusion.core.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.transfusion.backend.StepResult;
import dev.transfusion.backend.TrainStep;
import dev.transfusion.tensor.HostTensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TrainerTest {
    /** A step that reports a non-finite loss from step {@code badFrom} on. */
    static TrainStep failingFrom(int badFrom) {
        return new TrainStep() {
            int calls;

            @Override
            public StepResult run(Map<String, HostTensor> batch, double lr) {
                boolean bad = calls++ >= badFrom;
                return new StepResult(Map.of("loss", bad ? Double.NaN : 1.0), bad ? Double.NaN : 0.5, bad);
            }

            @Override
            public long updates() {
                return Math.min(calls, badFrom);
            }

            @Override
            public Map<String, HostTensor> optimizerState() {
                return Map.of();
            }

            @Override
            public void loadOptimizerState(Map<String, HostTensor> state) {
            }

            @Override
            public void close() {
            }
        };
    }

    @Test
    void tooManyNonFiniteStepsInARowStopWithTheLastGoodCheckpointKept() {
        List<Long> saved = new ArrayList<>();
        Trainer t = new Trainer(failingFrom(6), s -> new TrainingBatch(Map.of(), 10, 1, 0),
                new Trainer.Options(100, new LearningRateSchedule(1e-3, 0, 100, 0)::at, 1, 5, 3), null, saved::add);
        List<StepRecord> records = new ArrayList<>();
        assertThatThrownBy(() -> t.run(0, records::add)).isInstanceOf(TrainingDivergedException.class)
                .hasMessageContaining("4 steps in a row").hasMessageContaining("train.max_nonfinite = 3")
                .hasMessageContaining("last checkpoint is intact");
        assertThat(saved).containsExactly(5L);
        assertThat(records.get(records.size() - 1).skippedTotal()).isEqualTo(3);
        assertThat(records.get(6).skipped()).isTrue();
    }

    @Test
    void documentsTooLongForARowAreCountedInEveryRecord() {
        Trainer t = new Trainer(failingFrom(1000), s -> new TrainingBatch(Map.of(), 10, 1, s % 2 == 0 ? 3 : 0),
                new Trainer.Options(4, new LearningRateSchedule(1e-3, 0, 4, 0)::at, 1, 0, 3), null, null);
        List<StepRecord> records = new ArrayList<>();
        t.run(0, records::add);
        assertThat(records).extracting(StepRecord::droppedTotal).containsExactly(3L, 3L, 6L, 6L);
        assertThat(records.get(3).toMap()).containsEntry("dropped_documents_total", 6L);
    }
}
