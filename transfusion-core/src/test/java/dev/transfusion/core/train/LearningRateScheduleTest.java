package dev.transfusion.core.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class LearningRateScheduleTest {
    @Test
    void warmsUpLinearlyThenDecaysByCosineToTheFloor() {
        LearningRateSchedule s = new LearningRateSchedule(3e-4, 100, 1100, 1.5e-5);
        assertThat(s.at(0)).isCloseTo(3e-6, within(1e-12));
        assertThat(s.at(99)).isCloseTo(3e-4, within(1e-12));
        assertThat(s.at(600)).isCloseTo(1.5e-5 + 0.5 * (3e-4 - 1.5e-5), within(1e-12));
        assertThat(s.at(1100)).isCloseTo(1.5e-5, within(1e-12));
        assertThat(s.at(5000)).isEqualTo(1.5e-5);
    }

    @Test
    void rejectsMinAbovePeak() {
        assertThatThrownBy(() -> new LearningRateSchedule(1e-4, 0, 10, 1e-3)).hasMessageContaining("min_lr");
    }
}
