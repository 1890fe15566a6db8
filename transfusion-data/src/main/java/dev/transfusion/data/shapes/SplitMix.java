package dev.transfusion.data.shapes;

/** SplitMix64's finaliser: a fixed, well-mixed 64-bit hash step for deriving seeds and keys. */
final class SplitMix {
    private SplitMix() {
    }

    /** Mixes {@code z} into a pseudo-random 64-bit value (a bijection). */
    static long mix(long z) {
        z += 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
