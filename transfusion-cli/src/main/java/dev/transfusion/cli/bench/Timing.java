package dev.transfusion.cli.bench;

import java.util.Arrays;
import java.util.Objects;

/** Wall-clock helpers: seconds since a {@link System#nanoTime()} mark, and robust summaries of repeated timings. */
final class Timing {
    private Timing() {
    }

    /** Seconds elapsed since {@code startNanos}. */
    static double since(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    /** The median of {@code seconds} (the mean of the middle two for an even count). */
    static double median(double[] seconds) {
        Objects.requireNonNull(seconds, "seconds");
        if (seconds.length == 0) {
            throw new IllegalArgumentException("median of no timings");
        }
        double[] s = seconds.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }

    /** The smallest of {@code seconds}. */
    static double best(double[] seconds) {
        return Arrays.stream(seconds).min().orElseThrow(() -> new IllegalArgumentException("best of no timings"));
    }
}
