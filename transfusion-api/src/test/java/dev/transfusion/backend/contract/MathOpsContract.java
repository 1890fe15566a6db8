package dev.transfusion.backend.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.transfusion.tensor.DType;
import dev.transfusion.tensor.HostTensor;
import dev.transfusion.tensor.Shape;
import org.junit.jupiter.api.Test;

/** Contract for {@link dev.transfusion.tensor.ops.MathOps} values, checked against plain Java. */
public abstract class MathOpsContract extends BackendContractSupport {
    private static final double TOL = 1e-5;
    private final HostTensor a = randn(11, 2, 3, 4);
    private final HostTensor b = randn(12, 3, 1);
    private final HostTensor pos = uniform(13, 0.2, 3.0, 2, 3, 4);

    @Test
    void broadcastingBinaryOps() {
        assertClose(eval((o, x) -> o.math().add(x.get(0), x.get(1)), a, b), Ref.binary(a, b, Double::sum), TOL);
        assertClose(eval((o, x) -> o.math().sub(x.get(0), x.get(1)), a, b), Ref.binary(a, b, (p, q) -> p - q), TOL);
        assertClose(eval((o, x) -> o.math().mul(x.get(0), x.get(1)), a, b), Ref.binary(a, b, (p, q) -> p * q), TOL);
        assertClose(eval((o, x) -> o.math().div(x.get(0), x.get(1)), a, pos), Ref.binary(a, pos, (p, q) -> p / q), TOL);
        assertClose(eval((o, x) -> o.math().maximum(x.get(0), x.get(1)), a, b), Ref.binary(a, b, Math::max), TOL);
        assertClose(eval((o, x) -> o.math().minimum(x.get(0), x.get(1)), a, b), Ref.binary(a, b, Math::min), TOL);
        assertClose(eval((o, x) -> o.math().add(x.get(0), 0.5), a), Ref.unary(a, v -> v + 0.5), TOL);
        assertClose(eval((o, x) -> o.math().mul(x.get(0), -3.0), a), Ref.unary(a, v -> v * -3), TOL);
    }

    @Test
    void unaryOps() {
        assertClose(eval((o, x) -> o.math().neg(x.get(0)), a), Ref.unary(a, v -> -v), TOL);
        assertClose(eval((o, x) -> o.math().exp(x.get(0)), a), Ref.unary(a, Math::exp), TOL);
        assertClose(eval((o, x) -> o.math().log(x.get(0)), pos), Ref.unary(pos, Math::log), TOL);
        assertClose(eval((o, x) -> o.math().sqrt(x.get(0)), pos), Ref.unary(pos, Math::sqrt), TOL);
        assertClose(eval((o, x) -> o.math().rsqrt(x.get(0)), pos), Ref.unary(pos, v -> 1 / Math.sqrt(v)), TOL);
        assertClose(eval((o, x) -> o.math().square(x.get(0)), a), Ref.unary(a, v -> v * v), TOL);
        assertClose(eval((o, x) -> o.math().pow(x.get(0), 1.5), pos), Ref.unary(pos, v -> Math.pow(v, 1.5)), TOL);
        assertClose(eval((o, x) -> o.math().pow(x.get(0), x.get(1)), pos, HostTensor.scalar(3)),
                Ref.unary(pos, v -> Math.pow(v, 3)), TOL);
        assertClose(eval((o, x) -> o.math().pow(x.get(1), x.get(0)), a, HostTensor.scalar(0.9f)),
                Ref.unary(a, v -> Math.pow(0.9, v)), TOL);
        assertClose(eval((o, x) -> o.math().abs(x.get(0)), a), Ref.unary(a, Math::abs), TOL);
        assertClose(eval((o, x) -> o.math().sin(x.get(0)), a), Ref.unary(a, Math::sin), TOL);
        assertClose(eval((o, x) -> o.math().cos(x.get(0)), a), Ref.unary(a, Math::cos), TOL);
        assertClose(eval((o, x) -> o.math().tanh(x.get(0)), a), Ref.unary(a, Math::tanh), TOL);
        assertClose(eval((o, x) -> o.math().sigmoid(x.get(0)), a), Ref.unary(a, v -> 1 / (1 + Math.exp(-v))), TOL);
        assertClose(eval((o, x) -> o.math().erf(x.get(0)), a), Ref.unary(a, Ref::erf), TOL);
        assertClose(eval((o, x) -> o.math().clip(x.get(0), -0.5, 0.7), a),
                Ref.unary(a, v -> Math.max(-0.5, Math.min(0.7, v))), TOL);
        assertClose(eval((o, x) -> o.math().stopGradient(x.get(0)), a), a, 0);
    }

    @Test
    void batchedMatmulRank2To4() {
        HostTensor m2a = randn(21, 3, 4);
        HostTensor m2b = randn(22, 4, 5);
        assertClose(eval((o, x) -> o.math().matmul(x.get(0), x.get(1)), m2a, m2b), Ref.matmul(m2a, m2b), 1e-4);
        HostTensor m3a = randn(23, 2, 3, 4);
        HostTensor m3b = randn(24, 2, 4, 2);
        assertClose(eval((o, x) -> o.math().matmul(x.get(0), x.get(1)), m3a, m3b), Ref.matmul(m3a, m3b), 1e-4);
        HostTensor m4a = randn(25, 2, 1, 3, 4);
        HostTensor m4b = randn(26, 1, 3, 4, 2);
        assertClose(eval((o, x) -> o.math().matmul(x.get(0), x.get(1)), m4a, m4b), Ref.matmul(m4a, m4b), 1e-4);
    }

    @Test
    void reductionsWithKeepDimsAndNegativeAxes() {
        assertClose(eval((o, x) -> o.math().sum(x.get(0), false), a), Ref.reduce(a, "sum", false), 1e-4);
        assertClose(eval((o, x) -> o.math().sum(x.get(0), true, -1), a), Ref.reduce(a, "sum", true, 2), TOL);
        assertClose(eval((o, x) -> o.math().sum(x.get(0), false, 0, 2), a), Ref.reduce(a, "sum", false, 0, 2), TOL);
        assertClose(eval((o, x) -> o.math().mean(x.get(0), true, 0, -1), a), Ref.reduce(a, "mean", true, 0, 2), TOL);
        assertClose(eval((o, x) -> o.math().mean(x.get(0), false, 1), a), Ref.reduce(a, "mean", false, 1), TOL);
        assertClose(eval((o, x) -> o.math().mean(x.get(0), false), a), Ref.reduce(a, "mean", false), TOL);
        assertClose(eval((o, x) -> o.math().max(x.get(0), true, -1), a), Ref.reduce(a, "max", true, 2), TOL);
        assertClose(eval((o, x) -> o.math().max(x.get(0), false, 0, 1), a), Ref.reduce(a, "max", false, 0, 1), TOL);
        assertClose(eval((o, x) -> o.math().max(x.get(0), false), a), Ref.reduce(a, "max", false), TOL);
        assertClose(eval((o, x) -> o.math().max(x.get(0), true), a), Ref.reduce(a, "max", true), TOL);
    }

    @Test
    void argmaxIsInt32() {
        HostTensor d = distinct(31, 3, 5);
        HostTensor got = eval((o, x) -> o.math().argmax(x.get(0), -1), d);
        int[] expected = new int[3];
        for (int r = 0; r < 3; r++) {
            for (int c = 1; c < 5; c++) {
                if (d.get(r * 5 + c) > d.get(r * 5 + expected[r])) {
                    expected[r] = c;
                }
            }
        }
        assertExactly(got, ints(dims(3), expected));
        HostTensor got0 = eval((o, x) -> o.math().argmax(x.get(0), 0), d);
        assertThat(got0.shape()).isEqualTo(Shape.of(5));
    }

    @Test
    void comparisonsLogicAndWhere() {
        HostTensor p = floats(dims(4), 1, 2, 3, 4);
        HostTensor q = floats(dims(4), 2, 2, 1, 5);
        assertExactly(eval((o, x) -> o.math().greater(x.get(0), x.get(1)), p, q), bools(0, 0, 1, 0));
        assertExactly(eval((o, x) -> o.math().less(x.get(0), x.get(1)), p, q), bools(1, 0, 0, 1));
        assertExactly(eval((o, x) -> o.math().equal(x.get(0), x.get(1)), p, q), bools(0, 1, 0, 0));
        HostTensor t = bools(1, 1, 0, 0);
        HostTensor u = bools(1, 0, 1, 0);
        assertExactly(eval((o, x) -> o.math().and(x.get(0), x.get(1)), t, u), bools(1, 0, 0, 0));
        assertExactly(eval((o, x) -> o.math().or(x.get(0), x.get(1)), t, u), bools(1, 1, 1, 0));
        assertExactly(eval((o, x) -> o.math().not(x.get(0)), t), bools(0, 0, 1, 1));
        HostTensor cond = HostTensor.bools(Shape.of(2, 1), new int[] {1, 0});
        HostTensor left = randn(41, 2, 3);
        HostTensor right = randn(42, 3);
        double[] e = new double[6];
        for (int i = 0; i < 6; i++) {
            e[i] = i < 3 ? left.get(i) : right.get(i % 3);
        }
        HostTensor expected = Ref.floats(dims(2, 3), e); // row 0 from left, row 1 from broadcast right
        assertClose(eval((o, x) -> o.math().where(x.get(0), x.get(1), x.get(2)), cond, left, right), expected, 0);
    }

    @Test
    void castAndIsFinite() {
        HostTensor i = ints(dims(3), -2, 0, 5);
        assertExactly(eval((o, x) -> o.math().cast(x.get(0), DType.FLOAT32), i), floats(dims(3), -2, 0, 5));
        assertExactly(eval((o, x) -> o.math().cast(x.get(0), DType.FLOAT32), bools(1, 0, 1)), floats(dims(3), 1, 0, 1));
        assertExactly(eval((o, x) -> o.math().cast(x.get(0), DType.INT32), floats(dims(3), 3, -1, 0)),
                ints(dims(3), 3, -1, 0));
        HostTensor f = floats(dims(4), 1, Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY);
        assertExactly(eval((o, x) -> o.math().isFinite(x.get(0)), f), bools(1, 0, 0, 0));
    }

    private static HostTensor bools(int... v) {
        return HostTensor.bools(Shape.of(v.length), v);
    }
}
