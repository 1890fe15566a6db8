package dev.transfusion.backend.contract;

import dev.transfusion.tensor.HostTensor;
import dev.transfusion.tensor.Shape;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Contract for {@link dev.transfusion.tensor.ops.ShapeOps}, checked against plain Java. */
public abstract class ShapeOpsContract extends BackendContractSupport {
    private final HostTensor a = randn(51, 2, 3, 4);

    @Test
    void reshapeWithInferredDimension() {
        HostTensor got = eval((o, x) -> o.shape().reshape(x.get(0), 3, -1), a);
        assertClose(got, a.reshape(Shape.of(3, 8)), 0);
        assertClose(eval((o, x) -> o.shape().reshape(x.get(0), Shape.of(24)), a), a.reshape(Shape.of(24)), 0);
    }

    @Test
    void transposeByPermutation() {
        assertClose(eval((o, x) -> o.shape().transpose(x.get(0), 2, 0, 1), a), Ref.transpose(a, 2, 0, 1), 0);
        assertClose(eval((o, x) -> o.shape().transpose(x.get(0), 0, -1, 1), a), Ref.transpose(a, 0, 2, 1), 0);
    }

    @Test
    void concatSliceAndStack() {
        HostTensor b = randn(52, 2, 3, 2);
        assertClose(eval((o, x) -> o.shape().concat(List.of(x.get(0), x.get(1)), -1), a, b),
                Ref.concat(List.of(a, b), 2), 0);
        HostTensor c = randn(53, 1, 3, 4);
        assertClose(eval((o, x) -> o.shape().concat(List.of(x.get(0), x.get(1)), 0), a, c),
                Ref.concat(List.of(a, c), 0), 0);
        assertClose(eval((o, x) -> o.shape().slice(x.get(0), -1, 1, 2), a), Ref.slice(a, 2, 1, 2), 0);
        assertClose(eval((o, x) -> o.shape().slice(x.get(0), 1, 2, 1), a), Ref.slice(a, 1, 2, 1), 0);
        HostTensor d = randn(54, 2, 3, 4);
        HostTensor stacked = eval((o, x) -> o.shape().stack(List.of(x.get(0), x.get(1)), 1), a, d);
        assertClose(stacked, Ref.concat(List.of(a.reshape(Shape.of(2, 1, 3, 4)), d.reshape(Shape.of(2, 1, 3, 4))), 1), 0);
    }

    @Test
    void gatherOnAxis0And1WithRank2Indices() {
        HostTensor idx0 = ints(dims(2, 3), 1, 0, 1, 1, 1, 0);
        assertClose(eval((o, x) -> o.shape().gather(x.get(0), x.get(1), 0), a, idx0), Ref.gather(a, idx0, 0), 0);
        HostTensor idx1 = ints(dims(2, 2), 2, 0, 1, 2);
        assertClose(eval((o, x) -> o.shape().gather(x.get(0), x.get(1), 1), a, idx1), Ref.gather(a, idx1, 1), 0);
        HostTensor idx2 = ints(dims(3), 3, 3, 0);
        assertClose(eval((o, x) -> o.shape().gather(x.get(0), x.get(1), -1), a, idx2), Ref.gather(a, idx2, 2), 0);
    }

    @Test
    void broadcastExpandSqueeze() {
        HostTensor b = randn(55, 3, 1);
        assertClose(eval((o, x) -> o.shape().broadcastTo(x.get(0), Shape.of(2, 3, 4)), b),
                Ref.broadcastTo(b, dims(2, 3, 4)), 0);
        assertClose(eval((o, x) -> o.shape().expandDims(x.get(0), -1), a), a.reshape(Shape.of(2, 3, 4, 1)), 0);
        assertClose(eval((o, x) -> o.shape().expandDims(x.get(0), 1), a), a.reshape(Shape.of(2, 1, 3, 4)), 0);
        assertClose(eval((o, x) -> o.shape().squeeze(x.get(0), -1), b), b.reshape(Shape.of(3)), 0);
    }

    @Test
    void oneHotOfInt32Indices() {
        HostTensor idx = ints(dims(2, 2), 0, 2, 3, 1);
        HostTensor got = eval((o, x) -> o.shape().oneHot(x.get(0), 4), idx);
        assertExactly(got, floats(dims(2, 2, 4), 1, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 1, 0, 0));
    }
}
