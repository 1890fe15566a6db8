package dev.transfusion.param;

import dev.transfusion.tensor.HostTensor;
import dev.transfusion.tensor.Shape;
import java.util.SplittableRandom;

/** How a parameter is initialised; sampled in Java so every backend starts from identical weights. */
public sealed interface Init {
    /** Draws an initial value of {@code shape}. */
    HostTensor sample(Shape shape, SplittableRandom rng);

    /** Normal with mean 0 and standard deviation {@code std}. */
    record Normal(double std) implements Init {
        @Override
        public HostTensor sample(Shape shape, SplittableRandom rng) {
            float[] d = new float[Math.toIntExact(shape.size())];
            for (int i = 0; i < d.length; i++) {
                d[i] = (float) (gaussian(rng) * std);
            }
            return HostTensor.floats(shape, d);
        }
    }

    /** Uniform in {@code [-bound, bound]}. */
    record Uniform(double bound) implements Init {
        @Override
        public HostTensor sample(Shape shape, SplittableRandom rng) {
            float[] d = new float[Math.toIntExact(shape.size())];
            for (int i = 0; i < d.length; i++) {
                d[i] = (float) ((rng.nextDouble() * 2 - 1) * bound);
            }
            return HostTensor.floats(shape, d);
        }
    }

    /** Every element equal to {@code value} (0 for biases, 1 for norm gains). */
    record Constant(double value) implements Init {
        @Override
        public HostTensor sample(Shape shape, SplittableRandom rng) {
            float[] d = new float[Math.toIntExact(shape.size())];
            java.util.Arrays.fill(d, (float) value);
            return HostTensor.floats(shape, d);
        }
    }

    /**
     * The fixed 2-D sine-cosine position table of ViT/MAE/DiT for a {@code grid}×{@code grid} patch grid, shape
     * {@code (1, grid², dim)}: the first half of the channels encodes the row, the second the column, each as
     * {@code dim/4} sines then {@code dim/4} cosines at frequencies {@code 10000^(−k/(dim/4))}. Neighbouring patches
     * start with similar codes, so a patch's 2-D neighbourhood is known from the first step instead of being learned.
     */
    record SinCos2d(int grid) implements Init {
        public SinCos2d {
            if (grid < 1) {
                throw new IllegalArgumentException("grid must be >= 1, got " + grid);
            }
        }

        @Override
        public HostTensor sample(Shape shape, SplittableRandom rng) {
            int dim = shape.dimInt(shape.rank() - 1);
            if (dim % 4 != 0 || shape.size() != (long) grid * grid * dim) {
                throw new IllegalArgumentException("a 2-D sin-cos table for a " + grid + "x" + grid
                        + " grid needs shape (1, " + grid * grid + ", dim) with dim divisible by 4, got " + shape);
            }
            int quarter = dim / 4;
            float[] d = new float[Math.toIntExact(shape.size())];
            for (int row = 0; row < grid; row++) {
                for (int col = 0; col < grid; col++) {
                    int base = (row * grid + col) * dim;
                    for (int k = 0; k < quarter; k++) {
                        double omega = Math.pow(10000, -k / (double) quarter);
                        d[base + k] = (float) Math.sin(row * omega);
                        d[base + quarter + k] = (float) Math.cos(row * omega);
                        d[base + 2 * quarter + k] = (float) Math.sin(col * omega);
                        d[base + 3 * quarter + k] = (float) Math.cos(col * omega);
                    }
                }
            }
            return HostTensor.floats(shape, d);
        }
    }

    /** Zeros. */
    static Init zeros() {
        return new Constant(0);
    }

    /** Ones. */
    static Init ones() {
        return new Constant(1);
    }

    /** A standard normal draw by the Box-Muller transform (SplittableRandom has no nextGaussian on Java 17). */
    static double gaussian(SplittableRandom rng) {
        double u1 = rng.nextDouble();
        double u2 = rng.nextDouble();
        return Math.sqrt(-2 * Math.log(1 - u1)) * Math.cos(2 * Math.PI * u2);
    }
}
