package dev.transfusion.backend.contract;

import dev.transfusion.tensor.HostTensor;
import dev.transfusion.tensor.Shape;
import org.junit.jupiter.api.Test;

/** Gradients of the neural-network ops checked against central finite differences. */
public abstract class NnGradientContract extends BackendContractSupport {
    @Test
    void softmaxLogSoftmaxCrossEntropy() {
        HostTensor x = randn(201, 2, 5);
        checkGradient((o, t) -> o.nn().softmax(t.get(0), -1), x);
        checkGradient((o, t) -> o.nn().softmax(t.get(0), 0), x);
        checkGradient((o, t) -> o.nn().logSoftmax(t.get(0), -1), x);
        checkGradient((o, t) -> o.nn().crossEntropy(t.get(0), t.get(1)), randn(202, 2, 3, 5),
                ints(dims(2, 3), 4, 0, 2, 2, 1, 3));
    }

    @Test
    void norms() {
        HostTensor x = randn(203, 2, 6);
        HostTensor w = uniform(204, 0.5, 1.5, 6);
        HostTensor b = randn(205, 6);
        checkGradient((o, t) -> o.nn().rmsNorm(t.get(0), t.get(1), 1e-5), x, w);
        checkGradient((o, t) -> o.nn().layerNorm(t.get(0), t.get(1), t.get(2), 1e-5), x, w, b);
        checkGradient((o, t) -> o.nn().groupNorm(t.get(0), 2, t.get(1), t.get(2), 1e-5), randn(206, 1, 4, 2, 2),
                uniform(207, 0.5, 1.5, 4), randn(208, 4));
    }

    @Test
    void activationsAndLinear() {
        HostTensor x = randn(209, 2, 4);
        checkGradient((o, t) -> o.nn().silu(t.get(0)), x);
        checkGradient((o, t) -> o.nn().gelu(t.get(0)), x);
        checkGradient((o, t) -> o.nn().linear(t.get(0), t.get(1), t.get(2)), randn(210, 2, 2, 4), randn(211, 3, 4),
                randn(212, 3));
    }

    @Test
    void conv2dStride1And2() {
        HostTensor x = randn(213, 1, 2, 5, 5);
        checkGradient((o, t) -> o.nn().conv2d(t.get(0), t.get(1), t.get(2), 1, 1), x, randn(214, 2, 2, 3, 3),
                randn(215, 2));
        checkGradient((o, t) -> o.nn().conv2d(t.get(0), t.get(1), null, 2, 1), x, randn(216, 3, 2, 3, 3));
    }

    @Test
    void convTranspose2d() {
        HostTensor x = randn(217, 1, 2, 3, 3);
        checkGradient((o, t) -> o.nn().convTranspose2d(t.get(0), t.get(1), t.get(2), 2, 0), x, randn(218, 2, 2, 2, 2),
                randn(219, 2));
        checkGradient((o, t) -> o.nn().convTranspose2d(t.get(0), t.get(1), null, 2, 1), x, randn(220, 2, 1, 3, 3));
    }

    @Test
    void upsampleAndAvgPool() {
        HostTensor x = randn(221, 1, 2, 4, 4);
        checkGradient((o, t) -> o.nn().upsampleNearest2d(t.get(0), 2), x);
        checkGradient((o, t) -> o.nn().avgPool2d(t.get(0), 2), x);
    }

    @Test
    void attentionWithMask() {
        HostTensor q = randn(222, 1, 2, 3, 4);
        HostTensor k = randn(223, 1, 2, 3, 4);
        HostTensor v = randn(224, 1, 2, 3, 4);
        HostTensor mask = HostTensor.floats(Shape.of(1, 1, 3, 3), new float[] {0, -1e9f, -1e9f, 0, 0, -1e9f, 0, 0, 0});
        checkGradient((o, t) -> o.nn().attention(t.get(0), t.get(1), t.get(2), t.get(3), 0.5), q, k, v, mask);
    }

    @Test
    void rope() {
        HostTensor x = randn(225, 1, 2, 3, 4);
        HostTensor cos = uniform(226, -1, 1, 3, 2);
        HostTensor sin = uniform(227, -1, 1, 3, 2);
        checkGradient((o, t) -> o.nn().rope(t.get(0), t.get(1), t.get(2)), x, cos, sin);
    }
}
