package dev.transfusion.model;

import dev.transfusion.tensor.HostTensor;
import dev.transfusion.tensor.Shape;

/** Host-side RoPE tables: {@code cos, sin (T, D/2)} for given positions, in the rotate-half convention. */
public final class Rope {
    private Rope() {
    }

    /** The cos and sin tables for {@code positions}, head width {@code headDim} and base {@code theta}. */
    public static HostTensor[] tables(int[] positions, int headDim, double theta) {
        int half = headDim / 2;
        float[] cos = new float[positions.length * half];
        float[] sin = new float[positions.length * half];
        for (int p = 0; p < positions.length; p++) {
            for (int i = 0; i < half; i++) {
                double freq = Math.pow(theta, -2.0 * i / headDim);
                double a = positions[p] * freq;
                cos[p * half + i] = (float) Math.cos(a);
                sin[p * half + i] = (float) Math.sin(a);
            }
        }
        Shape s = Shape.of(positions.length, half);
        return new HostTensor[] {HostTensor.floats(s, cos), HostTensor.floats(s, sin)};
    }

    /** Tables for positions {@code 0..n-1}. */
    public static HostTensor[] tables(int n, int headDim, double theta) {
        int[] pos = new int[n];
        for (int i = 0; i < n; i++) {
            pos[i] = i;
        }
        return tables(pos, headDim, theta);
    }
}
