package dev.transfusion.backend.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.transfusion.tensor.HostTensor;
import dev.transfusion.tensor.Shape;
import org.junit.jupiter.api.Test;

/** Contract for {@link dev.transfusion.tensor.ops.NnOps} values, checked against plain Java. */
public abstract class NnOpsContract extends BackendContractSupport {
    private static final double TOL = 1e-4;

    @Test
    void softmaxAndLogSoftmax() {
        HostTensor x = randn(61, 2, 3, 5);
        assertClose(eval((o, t) -> o.nn().softmax(t.get(0), -1), x), RefNn.softmax(x, 2), TOL);
        assertClose(eval((o, t) -> o.nn().softmax(t.get(0), 1), x), RefNn.softmax(x, 1), TOL);
        assertClose(eval((o, t) -> o.nn().logSoftmax(t.get(0), -1), x), RefNn.logSoftmax(x, 2), TOL);
        HostTensor big = Ref.unary(x, v -> v * 100); // stability: no overflow for large logits
        assertClose(eval((o, t) -> o.nn().logSoftmax(t.get(0), -1), big), RefNn.logSoftmax(big, 2), TOL);
    }

    @Test
    void crossEntropyPerPosition() {
        HostTensor logits = randn(62, 2, 3, 7);
        HostTensor targets = ints(dims(2, 3), 0, 6, 3, 2, 2, 5);
        HostTensor got = eval((o, t) -> o.nn().crossEntropy(t.get(0), t.get(1)), logits, targets);
        HostTensor expected = RefNn.crossEntropy(logits.reshape(Shape.of(6, 7)), targets.reshape(Shape.of(6)));
        assertClose(got, expected.reshape(Shape.of(2, 3)), TOL);
    }

    @Test
    void norms() {
        HostTensor x = randn(63, 2, 3, 8);
        HostTensor w = uniform(64, 0.5, 1.5, 8);
        HostTensor b = randn(65, 8);
        assertClose(eval((o, t) -> o.nn().rmsNorm(t.get(0), t.get(1), 1e-6), x, w), RefNn.rmsNorm(x, w, 1e-6), TOL);
        assertClose(eval((o, t) -> o.nn().layerNorm(t.get(0), t.get(1), t.get(2), 1e-5), x, w, b),
                RefNn.layerNorm(x, w, b, 1e-5), TOL);
        assertClose(eval((o, t) -> o.nn().layerNorm(t.get(0), t.get(1), null, 1e-5), x, w),
                RefNn.layerNorm(x, w, null, 1e-5), TOL);
        HostTensor img = randn(66, 2, 4, 3, 3);
        HostTensor gw = uniform(67, 0.5, 1.5, 4);
        HostTensor gb = randn(68, 4);
        assertClose(eval((o, t) -> o.nn().groupNorm(t.get(0), 2, t.get(1), t.get(2), 1e-5), img, gw, gb),
                RefNn.groupNorm(img, 2, gw, gb, 1e-5), TOL);
    }

    @Test
    void activationsAndLinear() {
        HostTensor x = randn(69, 3, 4);
        assertClose(eval((o, t) -> o.nn().silu(t.get(0)), x), Ref.unary(x, v -> v / (1 + Math.exp(-v))), TOL);
        assertClose(eval((o, t) -> o.nn().gelu(t.get(0)), x),
                Ref.unary(x, v -> 0.5 * v * (1 + Ref.erf(v / Math.sqrt(2)))), TOL);
        HostTensor in = randn(70, 2, 3, 4);
        HostTensor w = randn(71, 5, 4);
        HostTensor b = randn(72, 5);
        assertClose(eval((o, t) -> o.nn().linear(t.get(0), t.get(1), t.get(2)), in, w, b), RefNn.linear(in, w, b), TOL);
        assertClose(eval((o, t) -> o.nn().linear(t.get(0), t.get(1), null), in, w), RefNn.linear(in, w, null), TOL);
    }

    @Test
    void conv2dStride1And2WithPadding() {
        HostTensor x = randn(73, 2, 3, 6, 6);
        HostTensor w = randn(74, 4, 3, 3, 3);
        HostTensor b = randn(75, 4);
        assertClose(eval((o, t) -> o.nn().conv2d(t.get(0), t.get(1), t.get(2), 1, 1), x, w, b),
                RefNn.conv2d(x, w, b, 1, 1), TOL);
        assertClose(eval((o, t) -> o.nn().conv2d(t.get(0), t.get(1), null, 2, 1), x, w),
                RefNn.conv2d(x, w, null, 2, 1), TOL);
        HostTensor w2 = randn(76, 2, 3, 2, 2);
        assertClose(eval((o, t) -> o.nn().conv2d(t.get(0), t.get(1), null, 2, 0), x, w2),
                RefNn.conv2d(x, w2, null, 2, 0), TOL);
    }

    @Test
    void convTranspose2dOutputSizeAndValues() {
        HostTensor x = randn(77, 2, 3, 3, 3);
        HostTensor w = randn(78, 3, 2, 2, 2); // (in, out, k, k)
        HostTensor b = randn(79, 2);
        HostTensor got = eval((o, t) -> o.nn().convTranspose2d(t.get(0), t.get(1), t.get(2), 2, 0), x, w, b);
        assertThat(got.shape()).isEqualTo(Shape.of(2, 2, 6, 6));
        assertClose(got, RefNn.convTranspose2d(x, w, b, 2, 0), TOL);
        HostTensor w3 = randn(80, 3, 2, 3, 3);
        assertClose(eval((o, t) -> o.nn().convTranspose2d(t.get(0), t.get(1), null, 2, 1), x, w3),
                RefNn.convTranspose2d(x, w3, null, 2, 1), TOL);
        assertClose(eval((o, t) -> o.nn().convTranspose2d(t.get(0), t.get(1), null, 1, 1), x, w3),
                RefNn.convTranspose2d(x, w3, null, 1, 1), TOL);
    }

    @Test
    void upsampleAndAvgPool() {
        HostTensor x = randn(81, 2, 3, 4, 4);
        assertClose(eval((o, t) -> o.nn().upsampleNearest2d(t.get(0), 2), x), RefNn.upsample(x, 2), 0);
        assertClose(eval((o, t) -> o.nn().avgPool2d(t.get(0), 2), x), RefNn.avgPool(x, 2), TOL);
    }

    @Test
    void attentionWithAdditiveCausalMask() {
        HostTensor q = randn(82, 2, 2, 4, 8);
        HostTensor k = randn(83, 2, 2, 4, 8);
        HostTensor v = randn(84, 2, 2, 4, 8);
        float[] m = new float[16];
        for (int i = 0; i < 4; i++) {
            for (int j = 0; j < 4; j++) {
                m[i * 4 + j] = j <= i ? 0 : -1e9f;
            }
        }
        HostTensor mask = HostTensor.floats(Shape.of(1, 1, 4, 4), m);
        double scale = 1 / Math.sqrt(8);
        HostTensor got = eval((o, t) -> o.nn().attention(t.get(0), t.get(1), t.get(2), t.get(3), scale), q, k, v, mask);
        assertClose(got, RefNn.attention(q, k, v, mask, scale), TOL);
        // first query sees only the first key: output row 0 equals v row 0
        for (int d = 0; d < 8; d++) {
            assertThat(got.get(d)).isCloseTo(v.get(d), org.assertj.core.data.Offset.offset(1e-5));
        }
        assertClose(eval((o, t) -> o.nn().attention(t.get(0), t.get(1), t.get(2), null, scale), q, k, v),
                RefNn.attention(q, k, v, null, scale), TOL);
    }

    @Test
    void ropeRotateHalf() {
        HostTensor x = randn(85, 1, 2, 3, 4);
        double[] c = new double[6];
        double[] s = new double[6];
        for (int t = 0; t < 3; t++) {
            for (int i = 0; i < 2; i++) {
                double ang = t / Math.pow(10000, 2.0 * i / 4);
                c[t * 2 + i] = Math.cos(ang);
                s[t * 2 + i] = Math.sin(ang);
            }
        }
        HostTensor cos = Ref.floats(dims(3, 2), c);
        HostTensor sin = Ref.floats(dims(3, 2), s);
        HostTensor got = eval((o, t) -> o.nn().rope(t.get(0), t.get(1), t.get(2)), x, cos, sin);
        assertClose(got, RefNn.rope(x, cos, sin), TOL);
        // position 0 is unrotated
        for (int d = 0; d < 4; d++) {
            assertThat(got.get(d)).isCloseTo(x.get(d), org.assertj.core.data.Offset.offset(1e-6));
        }
    }

    @Test
    void dropoutWithZeroRateIsIdentity() {
        HostTensor x = randn(86, 3, 4);
        HostTensor seed = ints(dims(2), 1, 2);
        assertClose(eval((o, t) -> o.nn().dropout(t.get(0), 0.0, t.get(1)), x, seed), x, 0);
    }
}
