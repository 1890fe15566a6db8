package dev.transfusion.backend.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.transfusion.backend.CompiledFunction;
import dev.transfusion.backend.TensorFunction;
import dev.transfusion.tensor.HostTensor;
import dev.transfusion.tensor.Shape;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Contract for {@link dev.transfusion.tensor.ops.RandomOps} and dropout: seeded, reproducible, right moments. */
public abstract class RandomOpsContract extends BackendContractSupport {
    private static final Shape SHAPE = Shape.of(100, 200);
    private final TensorFunction draws = (env, in) -> Map.of(
            "n", env.ops().random().normal(SHAPE, in.get("seed")),
            "u", env.ops().random().uniform(SHAPE, in.get("seed")),
            "d", env.ops().nn().dropout(in.get("x"), 0.25, in.get("seed")));
    private final HostTensor ones = HostTensor.floats(SHAPE, filled(20000, 1f));

    @Test
    void sameSeedSameNumbersOtherSeedOtherNumbers() {
        try (CompiledFunction f = backend().compile("rng", draws, null)) {
            Map<String, HostTensor> first = f.callHost(Map.of("seed", ints(dims(2), 7, 11), "x", ones));
            Map<String, HostTensor> again = f.callHost(Map.of("seed", ints(dims(2), 7, 11), "x", ones));
            Map<String, HostTensor> other = f.callHost(Map.of("seed", ints(dims(2), 7, 12), "x", ones));
            for (String k : new String[] {"n", "u", "d"}) {
                assertThat(again.get(k)).as(k).isEqualTo(first.get(k));
                assertThat(other.get(k)).as(k).isNotEqualTo(first.get(k));
            }
        }
    }

    @Test
    void momentsOfNormalUniformAndDropout() {
        Map<String, HostTensor> out = run(draws, Map.of("seed", ints(dims(2), 3, 5), "x", ones));
        double[] n = stats(out.get("n"));
        assertThat(n[0]).isCloseTo(0, within(0.03));
        assertThat(n[1]).isCloseTo(1, within(0.03));
        double[] u = stats(out.get("u"));
        assertThat(u[0]).isCloseTo(0.5, within(0.01));
        assertThat(u[1]).isCloseTo(Math.sqrt(1 / 12.0), within(0.01));
        assertThat(u[2]).isGreaterThanOrEqualTo(0);
        assertThat(u[3]).isLessThan(1);
        HostTensor d = out.get("d");
        int zeros = 0;
        for (int i = 0; i < 20000; i++) {
            double v = d.get(i);
            if (v == 0) {
                zeros++;
            } else {
                assertThat(v).isCloseTo(1 / 0.75, within(1e-5)); // inverted dropout scaling
            }
        }
        assertThat(zeros / 20000.0).isCloseTo(0.25, within(0.02));
    }

    private static double[] stats(HostTensor t) {
        int n = (int) t.shape().size();
        double mean = 0;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            mean += t.get(i);
            min = Math.min(min, t.get(i));
            max = Math.max(max, t.get(i));
        }
        mean /= n;
        double var = 0;
        for (int i = 0; i < n; i++) {
            var += Math.pow(t.get(i) - mean, 2);
        }
        return new double[] {mean, Math.sqrt(var / n), min, max};
    }

    private static float[] filled(int n, float v) {
        float[] f = new float[n];
        java.util.Arrays.fill(f, v);
        return f;
    }
}
