package com.example.transfusion.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class SigmoidScheduleTest {
    @Test
    void startsCleanEndsNoisyAndDecreasesMonotonically() {
        SigmoidSchedule s = new SigmoidSchedule(1000, -3, 3, 1);
        assertThat(s.alphaBar(0)).isCloseTo(1.0, within(1e-12));
        assertThat(s.alphaBar(1000)).isLessThan(1e-4);
        for (int t = 1; t <= 1000; t++) {
            assertThat(s.alphaBar(t)).isLessThanOrEqualTo(s.alphaBar(t - 1));
        }
        // Closed form at the midpoint: sigmoid(0) = 0.5 sits halfway between the end values.
        double vs = 1 / (1 + Math.exp(3));
        double ve = 1 / (1 + Math.exp(-3));
        assertThat(s.alphaBar(500)).isCloseTo((ve - 0.5) / (ve - vs), within(1e-12));
    }
}
