package dev.transfusion.cli.bench;

import dev.transfusion.backend.Backend;
import dev.transfusion.backend.CompiledFunction;
import dev.transfusion.backend.Env;
import dev.transfusion.backend.Scope;
import dev.transfusion.tensor.HostTensor;
import dev.transfusion.tensor.Shape;
import dev.transfusion.tensor.Tensor;
import java.util.Map;
import java.util.Objects;
import java.util.Random;

/**
 * The backend's own float32 matmul rate: one {@code n×n · n×n} product compiled as a program, run after warm-up
 * several times; each product is {@code 2·n³} FLOPs (the scalar checksum read back adds n², not counted). The median run time gives the peak used for MFU.
 */
final class MatmulPeak {
    /** What was measured: the size, repeats, median and best seconds per product, and GFLOP/s at the median. */
    record Result(int n, int repeats, double medianSeconds, double bestSeconds, double gflops) {
    }

    private MatmulPeak() {
    }

    /** Measures {@code n×n×n} products on {@code backend}: {@code warmup} untimed runs, then {@code repeats} timed. */
    static Result measure(Backend backend, int n, int warmup, int repeats) {
        Objects.requireNonNull(backend, "backend");
        Shape shape = Shape.of(n, n);
        Random rng = new Random(7);
        try (CompiledFunction mm = backend.compile("bench_matmul",
                (env, in) -> Map.of("c", checksum(env, in)), null);
             Scope scope = backend.newScope()) {
            Map<String, Tensor> in = Map.of("a", scope.upload(random(shape, rng)), "b", scope.upload(random(shape, rng)));
            for (int i = 0; i < warmup; i++) {
                runOnce(mm, scope, in);
            }
            double[] seconds = new double[repeats];
            for (int i = 0; i < repeats; i++) {
                seconds[i] = runOnce(mm, scope, in);
            }
            double median = Timing.median(seconds);
            return new Result(n, repeats, median, Timing.best(seconds), 2.0 * n * n * n / median / 1e9);
        }
    }

    /** {@code sum(a · b)}: a scalar to read back, so an asynchronous device must finish the product (n² extra adds). */
    private static Tensor checksum(Env env, Map<String, Tensor> in) {
        return env.ops().math().sum(env.ops().math().matmul(in.get("a"), in.get("b")), false);
    }

    /** One timed product in a child scope, read back as its scalar checksum. */
    private static double runOnce(CompiledFunction mm, Scope scope, Map<String, Tensor> in) {
        try (Scope run = scope.newChild()) {
            long start = System.nanoTime();
            Tensor c = mm.call(run, in).get("c");
            double probe = run.download(c).item();
            double s = Timing.since(start);
            if (!Double.isFinite(probe)) {
                throw new IllegalStateException("matmul benchmark produced a non-finite value: " + probe);
            }
            return s;
        }
    }

    private static HostTensor random(Shape shape, Random rng) {
        float[] d = new float[Math.toIntExact(shape.size())];
        for (int i = 0; i < d.length; i++) {
            d[i] = (float) rng.nextGaussian();
        }
        return HostTensor.floats(shape, d);
    }
}
