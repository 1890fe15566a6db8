package dev.transfusion.backend.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.transfusion.backend.Backend;
import dev.transfusion.backend.CompiledFunction;
import dev.transfusion.backend.GradientFunction;
import dev.transfusion.backend.GradientResult;
import dev.transfusion.backend.TensorFunction;
import dev.transfusion.param.Init;
import dev.transfusion.tensor.DType;
import dev.transfusion.tensor.HostTensor;
import dev.transfusion.tensor.Shape;
import dev.transfusion.tensor.Tensor;
import dev.transfusion.tensor.ops.Ops;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * Shared base of the backend contract suite: one backend per test class, and helpers that run every op through
 * {@code backend.compile(...).callHost(...)} (never reading tensor values inside a program, so graph backends run
 * the same suite) and check gradients from {@code compileGradient} against central finite differences.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class BackendContractSupport {
    /** Finite-difference step for float32 programs. */
    protected static final double FD_EPS = 1e-2;
    /** Absolute tolerance of the finite-difference comparison. */
    protected static final double FD_ATOL = 3e-3;
    /** Relative tolerance of the finite-difference comparison. */
    protected static final double FD_RTOL = 3e-2;
    /** Most elements per input that the finite-difference check perturbs. */
    protected static final int FD_MAX_ELEMENTS = 24;

    private Backend backend;

    /** Creates the backend under test (called once per test class, closed after it). */
    protected abstract Backend createBackend();

    /** The backend under test. */
    protected Backend backend() {
        return backend;
    }

    @BeforeAll
    void openBackend() {
        backend = createBackend();
    }

    @AfterAll
    void closeBackend() {
        if (backend != null) {
            backend.close();
        }
    }

    /** An op under test: the op surface and input tensors {@code x0, x1, ...} to one output. */
    @FunctionalInterface
    protected interface Op {
        /** Computes the output. */
        Tensor apply(Ops ops, List<Tensor> xs);
    }

    /** Runs {@code fn} once through {@code compile(...).callHost(...)}. */
    protected Map<String, HostTensor> run(TensorFunction fn, Map<String, HostTensor> inputs) {
        try (CompiledFunction f = backend.compile("contract", fn, null)) {
            return f.callHost(inputs);
        }
    }

    /** Runs a single op on host inputs named {@code x0, x1, ...} and returns its output. */
    protected HostTensor eval(Op op, HostTensor... inputs) {
        return run(program(op), named(inputs)).get("y");
    }

    /** The program {@code y = op(x0, x1, ...)}. */
    protected static TensorFunction program(Op op) {
        return (env, in) -> Map.of("y", op.apply(env.ops(), inputsOf(in)));
    }

    /** Inputs {@code x0, x1, ...}. */
    protected static Map<String, HostTensor> named(HostTensor... inputs) {
        Map<String, HostTensor> m = new LinkedHashMap<>();
        for (int i = 0; i < inputs.length; i++) {
            m.put("x" + i, inputs[i]);
        }
        return m;
    }

    /** The inputs {@code x0, x1, ...} of a program, in order. */
    protected static List<Tensor> inputsOf(Map<String, Tensor> in) {
        List<Tensor> xs = new ArrayList<>();
        for (int i = 0; in.containsKey("x" + i); i++) {
            xs.add(in.get("x" + i));
        }
        return xs;
    }

    /**
     * Checks the gradient of {@code loss = sum(op(x...) * W)} (W fixed random weights) with respect to every
     * FLOAT32 input against central finite differences of the same loss.
     */
    protected void checkGradient(Op op, HostTensor... inputs) {
        Map<String, HostTensor> in = named(inputs);
        HostTensor y = eval(op, inputs);
        in.put("w", randn(991, y.shape().intDims()));
        TensorFunction lossFn = (env, t) -> {
            Ops o = env.ops();
            Tensor out = op.apply(o, inputsOf(t));
            return Map.of("loss", o.math().sum(o.math().mul(out, t.get("w")), false));
        };
        List<String> wrt = new ArrayList<>();
        for (int i = 0; i < inputs.length; i++) {
            if (inputs[i].dtype() == DType.FLOAT32) {
                wrt.add("x" + i);
            }
        }
        GradientResult r;
        try (GradientFunction g = backend.compileGradient(lossFn, null, wrt)) {
            r = g.compute(in);
        }
        try (CompiledFunction f = backend.compile("fd", lossFn, null)) {
            for (String name : wrt) {
                HostTensor analytic = r.inputGradients().get(name);
                assertThat(analytic).as("gradient of %s", name).isNotNull();
                assertThat(analytic.shape()).as("gradient shape of %s", name).isEqualTo(in.get(name).shape());
                compareWithFiniteDifferences(name, analytic, in, x -> f.callHost(x).get("loss").item());
            }
        }
    }

    /** Compares {@code analytic} with central differences of {@code loss} around {@code in} for input {@code name}. */
    protected static void compareWithFiniteDifferences(String name, HostTensor analytic, Map<String, HostTensor> in,
            java.util.function.ToDoubleFunction<Map<String, HostTensor>> loss) {
        HostTensor x = in.get(name);
        int n = (int) x.shape().size();
        int step = Math.max(1, (n + FD_MAX_ELEMENTS - 1) / FD_MAX_ELEMENTS);
        for (int i = 0; i < n; i += step) {
            double plus = loss.applyAsDouble(perturbed(in, name, i, FD_EPS));
            double minus = loss.applyAsDouble(perturbed(in, name, i, -FD_EPS));
            double fd = (plus - minus) / (2 * FD_EPS);
            double an = analytic.get(i);
            double tol = FD_ATOL + FD_RTOL * Math.max(Math.abs(fd), Math.abs(an));
            if (!(Math.abs(fd - an) <= tol)) {
                fail("gradient of %s at element %d: analytic %.6f, finite difference %.6f (tolerance %.1e)", name, i,
                        an, fd, tol);
            }
        }
    }

    private static Map<String, HostTensor> perturbed(Map<String, HostTensor> in, String name, int i, double d) {
        Map<String, HostTensor> m = new LinkedHashMap<>(in);
        HostTensor c = in.get(name).copy();
        c.floats()[i] += (float) d;
        m.put(name, c);
        return m;
    }

    /** Asserts equal shapes and {@code |a - e| <= tol * (1 + |e|)} elementwise. */
    protected static void assertClose(HostTensor actual, HostTensor expected, double tol) {
        assertThat(actual.shape()).as("shape").isEqualTo(expected.shape());
        for (int i = 0; i < expected.shape().size(); i++) {
            double a = actual.get(i);
            double e = expected.get(i);
            if (!(Math.abs(a - e) <= tol * (1 + Math.abs(e)))) {
                fail("element %d of %s: got %.7f, expected %.7f (tolerance %.1e)", i, expected.shape(), a, e, tol);
            }
        }
    }

    /** Asserts exactly equal values and shape (int32/bool results). */
    protected static void assertExactly(HostTensor actual, HostTensor expected) {
        assertThat(actual.shape()).as("shape").isEqualTo(expected.shape());
        assertThat(actual.dtype()).as("dtype").isEqualTo(expected.dtype());
        for (int i = 0; i < expected.shape().size(); i++) {
            assertThat(actual.get(i)).as("element %d", i).isEqualTo(expected.get(i));
        }
    }

    /** Standard-normal float32 values from a fixed seed. */
    protected static HostTensor randn(long seed, int... dims) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] d = new float[Ref.size(dims)];
        for (int i = 0; i < d.length; i++) {
            d[i] = (float) dev.transfusion.param.Init.gaussian(r);
        }
        return HostTensor.floats(Shape.of(dims), d);
    }

    /** Uniform float32 values in {@code [lo, hi)} from a fixed seed. */
    protected static HostTensor uniform(long seed, double lo, double hi, int... dims) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] d = new float[Ref.size(dims)];
        for (int i = 0; i < d.length; i++) {
            d[i] = (float) (lo + (hi - lo) * r.nextDouble());
        }
        return HostTensor.floats(Shape.of(dims), d);
    }

    /** Distinct values spaced at least 0.1 apart in random order (kink-free finite differences for max). */
    protected static HostTensor distinct(long seed, int... dims) {
        int n = Ref.size(dims);
        float[] d = new float[n];
        for (int i = 0; i < n; i++) {
            d[i] = (float) (0.1 * i - 0.05 * n);
        }
        SplittableRandom r = new SplittableRandom(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            float t = d[i];
            d[i] = d[j];
            d[j] = t;
        }
        return HostTensor.floats(Shape.of(dims), d);
    }

    /** Int32 values in {@code [0, bound)} from a fixed seed. */
    protected static HostTensor randomInts(long seed, int bound, int... dims) {
        SplittableRandom r = new SplittableRandom(seed);
        int[] d = new int[Ref.size(dims)];
        for (int i = 0; i < d.length; i++) {
            d[i] = r.nextInt(bound);
        }
        return HostTensor.ints(Shape.of(dims), d);
    }

    /** A float32 tensor from literal values. */
    protected static HostTensor floats(int[] dims, float... values) {
        return HostTensor.floats(Shape.of(dims), values);
    }

    /** A rank-1 int32 tensor or any shape from literal values. */
    protected static HostTensor ints(int[] dims, int... values) {
        return HostTensor.ints(Shape.of(dims), values);
    }

    /** Shorthand for a dims array. */
    protected static int[] dims(int... d) {
        return d;
    }
}
