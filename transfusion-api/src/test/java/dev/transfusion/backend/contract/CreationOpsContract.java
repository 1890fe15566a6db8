package dev.transfusion.backend.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.transfusion.tensor.DType;
import dev.transfusion.tensor.HostTensor;
import dev.transfusion.tensor.Shape;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Contract for {@link dev.transfusion.tensor.ops.CreationOps}: constants, fills and ranges. */
public abstract class CreationOpsContract extends BackendContractSupport {
    @Test
    void constantsRoundTripEveryDtype() {
        HostTensor f = randn(1, 2, 3);
        HostTensor i = ints(dims(2, 2), 3, -1, 0, 7);
        HostTensor b = HostTensor.bools(Shape.of(3), new int[] {1, 0, 1});
        Map<String, HostTensor> out = run((env, in) -> Map.of(
                "f", env.ops().create().constant(f),
                "i", env.ops().create().constant(i),
                "b", env.ops().create().constant(b),
                "s", env.ops().create().scalar(2.5)), Map.of());
        assertExactly(out.get("f"), f);
        assertExactly(out.get("i"), i);
        assertExactly(out.get("b"), b);
        assertThat(out.get("s").shape()).isEqualTo(Shape.scalar());
        assertThat(out.get("s").item()).isEqualTo(2.5);
    }

    @Test
    void fullZerosOnesInEachDtype() {
        Map<String, HostTensor> out = run((env, in) -> Map.of(
                "f", env.ops().create().full(Shape.of(2, 3), -1.5, DType.FLOAT32),
                "i", env.ops().create().full(Shape.of(4), 7, DType.INT32),
                "b", env.ops().create().full(Shape.of(2), 1, DType.BOOL),
                "z", env.ops().create().zeros(Shape.of(3)),
                "o", env.ops().create().ones(Shape.of(1, 2))), Map.of());
        assertExactly(out.get("f"), floats(dims(2, 3), -1.5f, -1.5f, -1.5f, -1.5f, -1.5f, -1.5f));
        assertExactly(out.get("i"), ints(dims(4), 7, 7, 7, 7));
        assertExactly(out.get("b"), HostTensor.bools(Shape.of(2), new int[] {1, 1}));
        assertExactly(out.get("z"), floats(dims(3), 0, 0, 0));
        assertExactly(out.get("o"), floats(dims(1, 2), 1, 1));
    }

    @Test
    void arangeInFloatAndInt() {
        Map<String, HostTensor> out = run((env, in) -> Map.of(
                "i", env.ops().create().arange(5, DType.INT32),
                "f", env.ops().create().arange(3, DType.FLOAT32)), Map.of());
        assertExactly(out.get("i"), ints(dims(5), 0, 1, 2, 3, 4));
        assertExactly(out.get("f"), floats(dims(3), 0, 1, 2));
    }
}
