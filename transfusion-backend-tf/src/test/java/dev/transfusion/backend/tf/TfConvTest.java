package dev.transfusion.backend.tf;

import static org.assertj.core.api.Assertions.assertThat;

import dev.transfusion.backend.Backend;
import dev.transfusion.tensor.HostTensor;
import dev.transfusion.tensor.Shape;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Convolutions in PyTorch layouts against direct plain-Java loops. */
class TfConvTest {
    private static Backend backend;

    @BeforeAll
    static void open() {
        backend = TfTesting.backend();
    }

    @AfterAll
    static void close() {
        backend.close();
    }

    @Test
    void conv2dMatchesDirectLoopWithStrideAndPadding() {
        HostTensor x = TfTesting.rand(1, -1, 1, 2, 3, 5, 6); // (N,C,H,W)
        HostTensor w = TfTesting.rand(2, -1, 1, 4, 3, 3, 3); // (O,C,kh,kw)
        HostTensor b = TfTesting.rand(3, -1, 1, 4);
        for (int[] sp : new int[][] {{1, 0}, {1, 1}, {2, 1}}) {
            HostTensor got = TfTesting.run(backend, Map.of("x", x, "w", w, "b", b), (env, in) -> Map.of("y",
                    env.ops().nn().conv2d(in.get("x"), in.get("w"), in.get("b"), sp[0], sp[1]))).get("y");
            assertClose(got, conv2d(x, w, b, sp[0], sp[1]));
        }
    }

    @Test
    void convTranspose2dMatchesScatterLoop() {
        HostTensor x = TfTesting.rand(4, -1, 1, 2, 3, 3, 4); // (N,Cin,H,W)
        HostTensor w = TfTesting.rand(5, -1, 1, 3, 2, 4, 3); // (Cin,Cout,kh,kw)
        HostTensor b = TfTesting.rand(6, -1, 1, 2);
        for (int[] sp : new int[][] {{1, 0}, {2, 0}, {2, 1}}) {
            HostTensor got = TfTesting.run(backend, Map.of("x", x, "w", w, "b", b), (env, in) -> Map.of("y",
                    env.ops().nn().convTranspose2d(in.get("x"), in.get("w"), in.get("b"), sp[0], sp[1]))).get("y");
            HostTensor expected = convTranspose2d(x, w, b, sp[0], sp[1]);
            assertThat(got.shape()).isEqualTo(expected.shape());
            assertClose(got, expected);
        }
    }

    static HostTensor conv2d(HostTensor x, HostTensor w, HostTensor b, int s, int p) {
        int n = x.shape().dimInt(0), c = x.shape().dimInt(1), h = x.shape().dimInt(2), wd = x.shape().dimInt(3);
        int o = w.shape().dimInt(0), kh = w.shape().dimInt(2), kw = w.shape().dimInt(3);
        int oh = (h + 2 * p - kh) / s + 1, ow = (wd + 2 * p - kw) / s + 1;
        float[] y = new float[n * o * oh * ow];
        for (int in = 0; in < n; in++) {
            for (int oc = 0; oc < o; oc++) {
                for (int i = 0; i < oh; i++) {
                    for (int j = 0; j < ow; j++) {
                        double acc = b.get(oc);
                        for (int ic = 0; ic < c; ic++) {
                            for (int u = 0; u < kh; u++) {
                                for (int v = 0; v < kw; v++) {
                                    int r = i * s - p + u, q = j * s - p + v;
                                    if (r >= 0 && r < h && q >= 0 && q < wd) {
                                        acc += x.get(((in * c + ic) * h + r) * wd + q)
                                                * w.get(((oc * c + ic) * kh + u) * kw + v);
                                    }
                                }
                            }
                        }
                        y[((in * o + oc) * oh + i) * ow + j] = (float) acc;
                    }
                }
            }
        }
        return HostTensor.floats(Shape.of(n, o, oh, ow), y);
    }

    static HostTensor convTranspose2d(HostTensor x, HostTensor w, HostTensor b, int s, int p) {
        int n = x.shape().dimInt(0), ci = x.shape().dimInt(1), h = x.shape().dimInt(2), wd = x.shape().dimInt(3);
        int co = w.shape().dimInt(1), kh = w.shape().dimInt(2), kw = w.shape().dimInt(3);
        int oh = (h - 1) * s - 2 * p + kh, ow = (wd - 1) * s - 2 * p + kw;
        double[] y = new double[n * co * oh * ow];
        for (int in = 0; in < n; in++) {
            for (int ic = 0; ic < ci; ic++) {
                for (int i = 0; i < h; i++) {
                    for (int j = 0; j < wd; j++) {
                        double xv = x.get(((in * ci + ic) * h + i) * wd + j);
                        for (int oc = 0; oc < co; oc++) {
                            for (int u = 0; u < kh; u++) {
                                for (int v = 0; v < kw; v++) {
                                    int r = i * s - p + u, q = j * s - p + v;
                                    if (r >= 0 && r < oh && q >= 0 && q < ow) {
                                        y[((in * co + oc) * oh + r) * ow + q] += xv
                                                * w.get(((ic * co + oc) * kh + u) * kw + v);
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        float[] f = new float[y.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) (y[i] + b.get((i / (oh * ow)) % co));
        }
        return HostTensor.floats(Shape.of(n, co, oh, ow), f);
    }

    private static void assertClose(HostTensor got, HostTensor expected) {
        assertThat(got.shape()).isEqualTo(expected.shape());
        for (int i = 0; i < expected.shape().size(); i++) {
            assertThat(got.get(i)).as("element %d", i).isCloseTo(expected.get(i), org.assertj.core.data.Offset.offset(1e-4));
        }
    }
}
