package dev.transfusion.sequence;

import dev.transfusion.tensor.HostTensor;
import dev.transfusion.tensor.Shape;

/**
 * Which key positions a query position may attend to, decided from the layout only (so the mask is data, never
 * Java branching inside a program). Built as an additive float mask: 0 allowed, {@link #BLOCKED} blocked.
 */
public interface AttentionMask {
    /** The additive value for a blocked pair: large and finite, so fully padded rows stay NaN-free. */
    float BLOCKED = -1e9f;

    /** Whether {@code query} may see {@code key} in {@code row}. */
    boolean allows(SequenceLayout layout, int row, int query, int key);

    /** The full {@code (B, 1, L, L)} additive mask. */
    default HostTensor build(SequenceLayout layout) {
        int b = layout.rows();
        int l = layout.length();
        float[] m = new float[b * l * l];
        for (int r = 0; r < b; r++) {
            for (int q = 0; q < l; q++) {
                int base = (r * l + q) * l;
                for (int k = 0; k < l; k++) {
                    if (!allows(layout, r, q, k)) {
                        m[base + k] = BLOCKED;
                    }
                }
            }
        }
        return HostTensor.floats(Shape.of(b, 1, l, l), m);
    }
}
