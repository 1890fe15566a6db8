package dev.transfusion.backend.contract;

import dev.transfusion.backend.AdamW;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Plain-Java AdamW (double precision) with global-norm clipping: if the norm exceeds {@code clipNorm} every gradient
 * is scaled by {@code clipNorm / norm}; decoupled weight decay {@code p -= lr * wd * p} only for decayed params.
 */
final class RefAdamW {
    private final AdamW cfg;
    private final Map<String, double[]> m = new LinkedHashMap<>();
    private final Map<String, double[]> v = new LinkedHashMap<>();
    private long t;

    RefAdamW(AdamW cfg) {
        this.cfg = cfg;
    }

    /** Global L2 norm of all gradients. */
    static double norm(Map<String, double[]> grads) {
        double s = 0;
        for (double[] g : grads.values()) {
            for (double x : g) {
                s += x * x;
            }
        }
        return Math.sqrt(s);
    }

    /** One update of {@code params} in place; returns the pre-clipping gradient norm. */
    double step(Map<String, double[]> params, Map<String, double[]> grads, Map<String, Boolean> decay, double lr) {
        double norm = norm(grads);
        double scale = cfg.clipNorm() > 0 && norm > cfg.clipNorm() ? cfg.clipNorm() / norm : 1;
        t++;
        double bc1 = 1 - Math.pow(cfg.beta1(), t);
        double bc2 = 1 - Math.pow(cfg.beta2(), t);
        for (Map.Entry<String, double[]> e : params.entrySet()) {
            double[] p = e.getValue();
            double[] g = grads.get(e.getKey());
            double[] mm = m.computeIfAbsent(e.getKey(), k -> new double[p.length]);
            double[] vv = v.computeIfAbsent(e.getKey(), k -> new double[p.length]);
            for (int i = 0; i < p.length; i++) {
                double gi = g[i] * scale;
                mm[i] = cfg.beta1() * mm[i] + (1 - cfg.beta1()) * gi;
                vv[i] = cfg.beta2() * vv[i] + (1 - cfg.beta2()) * gi * gi;
                double upd = (mm[i] / bc1) / (Math.sqrt(vv[i] / bc2) + cfg.eps());
                if (decay.get(e.getKey())) {
                    p[i] -= lr * cfg.weightDecay() * p[i];
                }
                p[i] -= lr * upd;
            }
        }
        return norm;
    }
}
