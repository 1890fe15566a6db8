package dev.transfusion.core.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.transfusion.tensor.HostTensor;
import dev.transfusion.tensor.Shape;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EmaWeightsTest {
    static Map<String, HostTensor> params(float value) {
        return Map.of("w", HostTensor.floats(Shape.of(2), new float[] {value, 2 * value}));
    }

    @Test
    void averageFollowsTheClosedFormWithItsWarmUp() {
        EmaWeights ema = EmaWeights.startingAt(params(0f), 0.9);
        double expected = 0; // average of a constant target 1 (second element: 2) started at 0
        for (int n = 0; n < 50; n++) {
            double d = Math.min(0.9, (1.0 + n) / (10.0 + n));
            assertThat(ema.currentDecay()).isCloseTo(d, within(1e-12));
            ema.update(params(1f));
            expected = d * expected + (1 - d);
        }
        assertThat(ema.updates()).isEqualTo(50);
        assertThat(ema.weights().get("w").floats()[0]).isCloseTo((float) expected, within(1e-5f));
        assertThat(ema.weights().get("w").floats()[1]).isCloseTo((float) (2 * expected), within(1e-5f));
        // early updates move fast (decay 0.1 at first), so 50 steps of decay <= 0.9 nearly reach the target
        assertThat(expected).isGreaterThan(0.99);
    }

    @Test
    void readsTheWeightsEveryIntervalWithTheProductOfTheSkippedDecays() {
        assertThat(EmaWeights.startingAt(params(0f), 0.9).interval()).isEqualTo(1);
        assertThat(EmaWeights.startingAt(params(0f), 0.995).interval()).isEqualTo(4);
        assertThat(EmaWeights.startingAt(params(0f), 0.999).interval()).isEqualTo(20);
        EmaWeights sparse = EmaWeights.startingAt(params(0f), 0.999);
        EmaWeights dense = EmaWeights.startingAt(params(0f), 0.999);
        int[] reads = {0};
        for (int n = 0; n < 50; n++) {
            sparse.onStep(() -> {
                reads[0]++;
                return params(1f);
            });
            dense.update(params(1f));
        }
        assertThat(reads[0]).isEqualTo(2); // after steps 20 and 40
        assertThat(sparse.updates()).isEqualTo(40);
        sparse.flush(() -> {
            reads[0]++;
            return params(1f);
        });
        assertThat(reads[0]).isEqualTo(3);
        assertThat(sparse.updates()).isEqualTo(50);
        // the weights were constant, so folding 20 steps at once is exact
        assertThat(sparse.weights().get("w").floats()[0]).isCloseTo(dense.weights().get("w").floats()[0],
                within(1e-5f));
        sparse.flush(() -> {
            throw new AssertionError("nothing pending: the weights must not be read");
        });
    }

    @Test
    void startingCopiesTheParameters() {
        Map<String, HostTensor> p = params(3f);
        EmaWeights ema = EmaWeights.startingAt(p, 0.5);
        p.get("w").floats()[0] = -1f;
        assertThat(ema.weights().get("w").floats()[0]).isEqualTo(3f);
    }

    @Test
    void restoreChecksNamesAndShapesAndKeepsTheUpdateCount() {
        EmaWeights restored = EmaWeights.restore(params(1f), params(5f), 0.99, 1000);
        assertThat(restored.updates()).isEqualTo(1000);
        assertThat(restored.currentDecay()).isEqualTo(0.99);
        assertThat(restored.weights().get("w").floats()[1]).isEqualTo(2f);
        assertThatThrownBy(() -> EmaWeights.restore(Map.of("v", params(1f).get("w")), params(1f), 0.99, 1))
                .hasMessageContaining("different parameters");
        assertThatThrownBy(() -> EmaWeights.restore(Map.of("w", HostTensor.zeros(Shape.of(3))), params(1f), 0.99, 1))
                .hasMessageContaining("w").hasMessageContaining("shape");
        assertThatThrownBy(() -> EmaWeights.startingAt(params(1f), 1.0)).hasMessageContaining("(0, 1)");
    }
}
