package dev.transfusion.core.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class PrefetchingBatchSourceTest {
    /** A batch whose token count is its step, so each answer says which step it was built for. */
    private static TrainingBatch batchOf(long step) {
        return new TrainingBatch(Map.of(), (int) step, 0, 0);
    }

    @Test
    void answersEveryStepWithThatStepsBatchInOrderAndOutOfOrder() {
        try (PrefetchingBatchSource source = new PrefetchingBatchSource(PrefetchingBatchSourceTest::batchOf)) {
            for (long s = 0; s < 20; s++) {
                assertThat(source.batch(s).tokens()).isEqualTo(s);
            }
            // a resumed run starts elsewhere: the prefetched step 20 is not used for step 7
            assertThat(source.batch(7).tokens()).isEqualTo(7);
            assertThat(source.batch(8).tokens()).isEqualTo(8);
        }
    }

    @Test
    void buildsEveryBatchOnTheOneBackgroundThreadAndEachOnce() throws Exception {
        List<String> threads = new CopyOnWriteArrayList<>();
        List<Long> steps = new CopyOnWriteArrayList<>();
        try (PrefetchingBatchSource source = new PrefetchingBatchSource(step -> {
            threads.add(Thread.currentThread().getName());
            steps.add(step);
            return batchOf(step);
        })) {
            source.batch(0);
            source.batch(1);
            source.batch(2);
        }
        // 0, 1, 2 and perhaps the speculative 3, each built once, none on the caller's thread
        assertThat(steps).startsWith(0L, 1L, 2L).doesNotHaveDuplicates();
        assertThat(threads).containsOnly("transfusion-batch-prefetch");
    }

    @Test
    void aFailureWhileBuildingReachesTheCallerAsItself() {
        try (PrefetchingBatchSource source = new PrefetchingBatchSource(step -> {
            if (step == 3) {
                throw new IllegalArgumentException("image 3 is corrupt");
            }
            return batchOf(step);
        })) {
            source.batch(0);
            source.batch(1);
            source.batch(2);
            assertThatThrownBy(() -> source.batch(3)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("image 3 is corrupt");
        }
    }
}
