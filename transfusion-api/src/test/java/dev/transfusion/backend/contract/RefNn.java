package dev.transfusion.backend.contract;

import dev.transfusion.tensor.HostTensor;
import java.util.List;

/** Plain-Java reference implementations of the neural-network ops (in double). */
final class RefNn {
    private RefNn() {
    }

    static HostTensor softmax(HostTensor x, int axis) {
        HostTensor shifted = Ref.binary(x, Ref.reduce(x, "max", true, axis), (a, b) -> a - b);
        HostTensor e = Ref.unary(shifted, Math::exp);
        return Ref.binary(e, Ref.reduce(e, "sum", true, axis), (a, b) -> a / b);
    }

    static HostTensor logSoftmax(HostTensor x, int axis) {
        return Ref.unary(softmax(x, axis), Math::log);
    }

    /** logits (N, V), targets (N) -> (N). */
    static HostTensor crossEntropy(HostTensor logits, HostTensor targets) {
        HostTensor lp = logSoftmax(logits, -1);
        int v = logits.shape().dimInt(-1);
        int n = (int) targets.shape().size();
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = -lp.get(i * v + (int) targets.get(i));
        }
        return Ref.floats(targets.shape().intDims(), out);
    }

    static HostTensor rmsNorm(HostTensor x, HostTensor w, double eps) {
        HostTensor ms = Ref.reduce(Ref.unary(x, a -> a * a), "mean", true, -1);
        return Ref.binary(Ref.binary(x, ms, (a, m) -> a / Math.sqrt(m + eps)), w, (a, b) -> a * b);
    }

    static HostTensor layerNorm(HostTensor x, HostTensor w, HostTensor b, double eps) {
        HostTensor xc = Ref.binary(x, Ref.reduce(x, "mean", true, -1), (a, m) -> a - m);
        HostTensor var = Ref.reduce(Ref.unary(xc, a -> a * a), "mean", true, -1);
        HostTensor y = Ref.binary(Ref.binary(xc, var, (a, v) -> a / Math.sqrt(v + eps)), w, (a, c) -> a * c);
        return b == null ? y : Ref.binary(y, b, Double::sum);
    }

    static HostTensor groupNorm(HostTensor x, int groups, HostTensor w, HostTensor b, double eps) {
        int[] d = x.shape().intDims();
        int n = d[0];
        int c = d[1];
        int hw = d[2] * d[3];
        int per = c / groups * hw;
        double[] out = new double[(int) x.shape().size()];
        for (int i = 0; i < n; i++) {
            for (int g = 0; g < groups; g++) {
                int base = i * c * hw + g * per;
                double mu = 0;
                for (int k = 0; k < per; k++) {
                    mu += x.get(base + k);
                }
                mu /= per;
                double var = 0;
                for (int k = 0; k < per; k++) {
                    var += Math.pow(x.get(base + k) - mu, 2);
                }
                var /= per;
                for (int k = 0; k < per; k++) {
                    int ch = (base + k) / hw % c;
                    out[base + k] = (x.get(base + k) - mu) / Math.sqrt(var + eps) * w.get(ch) + (b == null ? 0 : b.get(ch));
                }
            }
        }
        return Ref.floats(d, out);
    }

    /** x (..., in), w (out, in), b (out) or null. */
    static HostTensor linear(HostTensor x, HostTensor w, HostTensor b) {
        int in = x.shape().dimInt(-1);
        int outDim = w.shape().dimInt(0);
        int rows = (int) (x.shape().size() / in);
        double[] r = new double[rows * outDim];
        for (int i = 0; i < rows; i++) {
            for (int o = 0; o < outDim; o++) {
                double s = b == null ? 0 : b.get(o);
                for (int k = 0; k < in; k++) {
                    s += x.get(i * in + k) * w.get(o * in + k);
                }
                r[i * outDim + o] = s;
            }
        }
        int[] dims = x.shape().intDims();
        dims[dims.length - 1] = outDim;
        return Ref.floats(dims, r);
    }

    /** x (N,C,H,W), w (O,C,k,k), zero padding p, stride s. */
    static HostTensor conv2d(HostTensor x, HostTensor w, HostTensor b, int s, int p) {
        int[] d = x.shape().intDims();
        int[] wd = w.shape().intDims();
        int n = d[0], c = d[1], h = d[2], wi = d[3], o = wd[0], kh = wd[2], kw = wd[3];
        int oh = (h + 2 * p - kh) / s + 1;
        int ow = (wi + 2 * p - kw) / s + 1;
        double[] r = new double[n * o * oh * ow];
        for (int i = 0; i < n; i++) {
            for (int oc = 0; oc < o; oc++) {
                for (int y = 0; y < oh; y++) {
                    for (int xx = 0; xx < ow; xx++) {
                        double acc = b == null ? 0 : b.get(oc);
                        for (int ic = 0; ic < c; ic++) {
                            for (int u = 0; u < kh; u++) {
                                for (int v = 0; v < kw; v++) {
                                    int iy = y * s - p + u;
                                    int ix = xx * s - p + v;
                                    if (iy >= 0 && iy < h && ix >= 0 && ix < wi) {
                                        acc += x.get(((i * c + ic) * h + iy) * wi + ix)
                                                * w.get(((oc * c + ic) * kh + u) * kw + v);
                                    }
                                }
                            }
                        }
                        r[((i * o + oc) * oh + y) * ow + xx] = acc;
                    }
                }
            }
        }
        return Ref.floats(new int[] {n, o, oh, ow}, r);
    }

    /** x (N,C,H,W), w (C,O,k,k): each input pixel scatters w into the output, then the padding is cropped. */
    static HostTensor convTranspose2d(HostTensor x, HostTensor w, HostTensor b, int s, int p) {
        int[] d = x.shape().intDims();
        int[] wd = w.shape().intDims();
        int n = d[0], c = d[1], h = d[2], wi = d[3], o = wd[1], kh = wd[2], kw = wd[3];
        int fh = (h - 1) * s + kh;
        int fw = (wi - 1) * s + kw;
        double[] full = new double[n * o * fh * fw];
        for (int i = 0; i < n; i++) {
            for (int ic = 0; ic < c; ic++) {
                for (int y = 0; y < h; y++) {
                    for (int xx = 0; xx < wi; xx++) {
                        double v = x.get(((i * c + ic) * h + y) * wi + xx);
                        for (int oc = 0; oc < o; oc++) {
                            for (int u = 0; u < kh; u++) {
                                for (int q = 0; q < kw; q++) {
                                    full[((i * o + oc) * fh + y * s + u) * fw + xx * s + q] +=
                                            v * w.get(((ic * o + oc) * kh + u) * kw + q);
                                }
                            }
                        }
                    }
                }
            }
        }
        int oh = fh - 2 * p;
        int ow = fw - 2 * p;
        double[] r = new double[n * o * oh * ow];
        for (int i = 0; i < n; i++) {
            for (int oc = 0; oc < o; oc++) {
                for (int y = 0; y < oh; y++) {
                    for (int xx = 0; xx < ow; xx++) {
                        r[((i * o + oc) * oh + y) * ow + xx] = full[((i * o + oc) * fh + y + p) * fw + xx + p]
                                + (b == null ? 0 : b.get(oc));
                    }
                }
            }
        }
        return Ref.floats(new int[] {n, o, oh, ow}, r);
    }

    static HostTensor upsample(HostTensor x, int f) {
        int[] d = x.shape().intDims();
        int[] out = {d[0], d[1], d[2] * f, d[3] * f};
        double[] r = new double[Ref.size(out)];
        for (int i = 0; i < r.length; i++) {
            int[] idx = Ref.unravel(i, out);
            r[i] = x.get(((idx[0] * d[1] + idx[1]) * d[2] + idx[2] / f) * d[3] + idx[3] / f);
        }
        return Ref.floats(out, r);
    }

    static HostTensor avgPool(HostTensor x, int f) {
        int[] d = x.shape().intDims();
        int[] out = {d[0], d[1], d[2] / f, d[3] / f};
        double[] r = new double[Ref.size(out)];
        for (int i = 0; i < r.length; i++) {
            int[] idx = Ref.unravel(i, out);
            double s = 0;
            for (int u = 0; u < f; u++) {
                for (int v = 0; v < f; v++) {
                    s += x.get(((idx[0] * d[1] + idx[1]) * d[2] + idx[2] * f + u) * d[3] + idx[3] * f + v);
                }
            }
            r[i] = s / (f * f);
        }
        return Ref.floats(out, r);
    }

    /** softmax(q k^T * scale + mask) v with q (B,H,T,D), k/v (B,H,S,D). */
    static HostTensor attention(HostTensor q, HostTensor k, HostTensor v, HostTensor mask, double scale) {
        HostTensor scores = Ref.unary(Ref.matmul(q, Ref.transpose(k, 0, 1, 3, 2)), a -> a * scale);
        if (mask != null) {
            scores = Ref.binary(scores, mask, Double::sum);
        }
        return Ref.matmul(softmax(scores, -1), v);
    }

    /** Rotate-half RoPE: x (B,H,T,D), cos/sin broadcastable to (B,H,T,D/2). */
    static HostTensor rope(HostTensor x, HostTensor cos, HostTensor sin) {
        int half = x.shape().dimInt(-1) / 2;
        HostTensor x1 = Ref.slice(x, -1, 0, half);
        HostTensor x2 = Ref.slice(x, -1, half, half);
        HostTensor r1 = Ref.binary(Ref.binary(x1, cos, (a, c) -> a * c), Ref.binary(x2, sin, (a, s) -> a * s),
                (a, b) -> a - b);
        HostTensor r2 = Ref.binary(Ref.binary(x2, cos, (a, c) -> a * c), Ref.binary(x1, sin, (a, s) -> a * s),
                Double::sum);
        return Ref.concat(List.of(r1, r2), -1);
    }
}
