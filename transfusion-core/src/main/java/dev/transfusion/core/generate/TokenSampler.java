package dev.transfusion.core.generate;

import java.util.Arrays;
import java.util.Random;
import java.util.function.IntPredicate;

/** Picks the next token from logits: greedy, temperature, top-k and top-p (nucleus), with a seeded RNG. */
public final class TokenSampler {
    private final TextOptions options;
    private final Random rng;

    /** A sampler for {@code options}, seeded from {@code options.seed()}. */
    public TokenSampler(TextOptions options) {
        this.options = options;
        this.rng = new Random(options.seed());
    }

    /** The next token among the ids {@code allowed} accepts, from row {@code row} of {@code logits (B, V)}. */
    public int next(float[] logits, int offset, int vocab, IntPredicate allowed) {
        double[] l = new double[vocab];
        for (int i = 0; i < vocab; i++) {
            l[i] = allowed.test(i) ? logits[offset + i] : Double.NEGATIVE_INFINITY;
            if (Double.isNaN(l[i])) {
                // argmax over NaN picks token 0 and sampling divides NaN by NaN: either would emit garbage text
                throw new ArithmeticException("the model's next-token logits hold NaN (token " + i + "): a numeric "
                        + "fault, e.g. non-finite weights in the checkpoint; no text was produced");
            }
        }
        if (options.temperature() == 0) {
            int best = 0;
            for (int i = 1; i < vocab; i++) {
                if (l[i] > l[best]) {
                    best = i;
                }
            }
            return best;
        }
        double max = Arrays.stream(l).max().orElse(0);
        double[] p = new double[vocab];
        double sum = 0;
        for (int i = 0; i < vocab; i++) {
            p[i] = Math.exp((l[i] - max) / options.temperature());
            sum += p[i];
        }
        Integer[] order = new Integer[vocab];
        for (int i = 0; i < vocab; i++) {
            order[i] = i;
            p[i] /= sum;
        }
        Arrays.sort(order, (a, b) -> Double.compare(p[b], p[a]));
        int keep = options.topK() > 0 ? Math.min(options.topK(), vocab) : vocab;
        double cum = 0;
        int cut = 0;
        while (cut < keep) {
            cum += p[order[cut]];
            cut++;
            if (cum >= options.topP()) {
                break;
            }
        }
        double total = 0;
        for (int i = 0; i < cut; i++) {
            total += p[order[i]];
        }
        double u = rng.nextDouble() * total;
        for (int i = 0; i < cut; i++) {
            u -= p[order[i]];
            if (u <= 0) {
                return order[i];
            }
        }
        return order[cut - 1];
    }
}
