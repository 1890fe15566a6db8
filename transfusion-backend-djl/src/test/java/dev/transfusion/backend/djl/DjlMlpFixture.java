package dev.transfusion.backend.djl;

import dev.transfusion.backend.TensorFunction;
import dev.transfusion.param.Init;
import dev.transfusion.param.ParamSpec;
import dev.transfusion.tensor.HostTensor;
import dev.transfusion.tensor.Shape;
import dev.transfusion.tensor.Tensor;
import dev.transfusion.tensor.ops.Ops;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/** A 2-layer MLP regression problem shared by the smoke and memory tests: {@code y = sin(x A)} on a fixed batch. */
final class DjlMlpFixture {
    static final int BATCH = 32;
    static final int IN = 8;
    static final int HIDDEN = 64;
    static final int OUT = 4;

    private DjlMlpFixture() {
    }

    /** fc1 (HIDDEN, IN) + bias, fc2 (OUT, HIDDEN) + bias. */
    static List<ParamSpec> specs() {
        return List.of(new ParamSpec("fc1.weight", Shape.of(HIDDEN, IN), new Init.Normal(1 / Math.sqrt(IN)), true),
                new ParamSpec("fc1.bias", Shape.of(HIDDEN), Init.zeros(), false),
                new ParamSpec("fc2.weight", Shape.of(OUT, HIDDEN), new Init.Normal(1 / Math.sqrt(HIDDEN)), true),
                new ParamSpec("fc2.bias", Shape.of(OUT), Init.zeros(), false));
    }

    /** Mean squared error of {@code fc2(silu(fc1(x)))} against {@code y}. */
    static TensorFunction loss() {
        return (env, in) -> {
            Ops o = env.ops();
            Tensor h = o.nn().silu(o.nn().linear(in.get("x"), env.param("fc1.weight"), env.param("fc1.bias")));
            Tensor pred = o.nn().linear(h, env.param("fc2.weight"), env.param("fc2.bias")); // (B, OUT)
            return Map.of("loss", o.math().mean(o.math().square(o.math().sub(pred, in.get("y"))), false));
        };
    }

    /** The fixed batch. */
    static Map<String, HostTensor> batch() {
        SplittableRandom r = new SplittableRandom(42);
        float[] a = new float[IN * OUT];
        for (int i = 0; i < a.length; i++) {
            a[i] = (float) Init.gaussian(r);
        }
        float[] x = new float[BATCH * IN];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) Init.gaussian(r);
        }
        float[] y = new float[BATCH * OUT];
        for (int n = 0; n < BATCH; n++) {
            for (int o = 0; o < OUT; o++) {
                double s = 0;
                for (int k = 0; k < IN; k++) {
                    s += x[n * IN + k] * a[k * OUT + o];
                }
                y[n * OUT + o] = (float) Math.sin(s);
            }
        }
        return Map.of("x", HostTensor.floats(Shape.of(BATCH, IN), x), "y", HostTensor.floats(Shape.of(BATCH, OUT), y));
    }
}
