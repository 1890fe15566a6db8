package dev.transfusion.nn;

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
