package dev.transfusion.eval;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * CIDEr-D exactly as the coco-caption reference ({@code pycocoevalcap/cider/cider_scorer.py}) computes it: n-grams of
 * 1–4 words; TF-IDF vectors with document frequencies counted over the reference sets (an n-gram counts once per
 * image), {@code idf = log(N) − log(max(1, df))}; per n, the candidate's weights clipped by the reference's
 * ({@code Σ min(h, r)·r / (|h|·|r|)}); a Gaussian length penalty {@code exp(−δ²/2σ²)}, σ = 6, where — as in the
 * reference code — the "length" is the number of bigrams; the mean over n, averaged over references, times 10.
 * The corpus score is the mean over candidates.
 */
public final class CiderD {
    /** Largest n-gram order. */
    public static final int N = 4;
    /** Standard deviation of the length penalty. */
    public static final double SIGMA = 6.0;

    private CiderD() {
    }

    /** The corpus score and one score per candidate. */
    public record Result(double score, List<Double> perCandidate) {
        /** Copies the list. */
        public Result {
            perCandidate = List.copyOf(perCandidate);
        }
    }

    /**
     * Scores {@code candidates.get(i)} against {@code references.get(i)} (one or more per candidate). Captions are
     * tokenized with {@link #tokenize}; document frequencies come from all the references given.
     */
    public static Result score(List<String> candidates, List<List<String>> references) {
        Objects.requireNonNull(candidates, "candidates");
        Objects.requireNonNull(references, "references");
        if (candidates.size() != references.size() || candidates.isEmpty()) {
            throw new IllegalArgumentException("CIDEr-D needs one reference list per candidate and at least one "
                    + "candidate; got " + candidates.size() + " candidates and " + references.size() + " lists");
        }
        List<Map<List<String>, Integer>> tests = new ArrayList<>();
        List<List<Map<List<String>, Integer>>> refs = new ArrayList<>();
        for (int i = 0; i < candidates.size(); i++) {
            List<String> r = Objects.requireNonNull(references.get(i), "references " + i);
            if (r.isEmpty()) {
                throw new IllegalArgumentException("candidate " + i + " has no reference caption");
            }
            tests.add(ngrams(tokenize(Objects.requireNonNull(candidates.get(i), "candidate " + i))));
            List<Map<List<String>, Integer>> cooked = new ArrayList<>();
            for (String s : r) {
                cooked.add(ngrams(tokenize(Objects.requireNonNull(s, "reference"))));
            }
            refs.add(cooked);
        }
        Map<List<String>, Integer> df = new HashMap<>();
        for (List<Map<List<String>, Integer>> set : refs) {
            Set<List<String>> seen = new HashSet<>();
            for (Map<List<String>, Integer> r : set) {
                seen.addAll(r.keySet());
            }
            for (List<String> g : seen) {
                df.merge(g, 1, Integer::sum);
            }
        }
        double refLen = Math.log(refs.size());
        List<Double> scores = new ArrayList<>();
        double sum = 0;
        for (int i = 0; i < tests.size(); i++) {
            Vec hyp = vec(tests.get(i), df, refLen);
            double[] total = new double[N];
            for (Map<List<String>, Integer> r : refs.get(i)) {
                double[] s = sim(hyp, vec(r, df, refLen));
                for (int n = 0; n < N; n++) {
                    total[n] += s[n];
                }
            }
            double mean = 0;
            for (double v : total) {
                mean += v / N;
            }
            double score = mean / refs.get(i).size() * 10.0;
            scores.add(score);
            sum += score;
        }
        return new Result(sum / scores.size(), scores);
    }

    /** Lower-cases {@code caption} and splits it into words, dropping punctuation (like the PTB tokenizer step). */
    public static List<String> tokenize(String caption) {
        String t = caption.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}']+", " ").trim();
        return t.isEmpty() ? List.of() : List.of(t.split(" "));
    }

    /** Counts of every n-gram, n = 1..4 ({@code precook}). */
    static Map<List<String>, Integer> ngrams(List<String> words) {
        Map<List<String>, Integer> counts = new HashMap<>();
        for (int k = 1; k <= N; k++) {
            for (int i = 0; i + k <= words.size(); i++) {
                counts.merge(List.copyOf(words.subList(i, i + k)), 1, Integer::sum);
            }
        }
        return counts;
    }

    /** TF-IDF weights per order, their norms, and the bigram count the length penalty uses. */
    private record Vec(List<Map<List<String>, Double>> weights, double[] norms, int length) {
    }

    /** {@code counts2vec}. */
    private static Vec vec(Map<List<String>, Integer> counts, Map<List<String>, Integer> df, double refLen) {
        List<Map<List<String>, Double>> w = new ArrayList<>();
        for (int n = 0; n < N; n++) {
            w.add(new HashMap<>());
        }
        double[] norm = new double[N];
        int length = 0;
        for (Map.Entry<List<String>, Integer> e : counts.entrySet()) {
            int n = e.getKey().size() - 1;
            double idf = refLen - Math.log(Math.max(1.0, df.getOrDefault(e.getKey(), 0)));
            double v = e.getValue() * idf;
            w.get(n).put(e.getKey(), v);
            norm[n] += v * v;
            if (n == 1) {
                length += e.getValue(); // the reference implementation's "length": the bigram count
            }
        }
        for (int n = 0; n < N; n++) {
            norm[n] = Math.sqrt(norm[n]);
        }
        return new Vec(w, norm, length);
    }

    /** Clipped cosine similarity per order times the length penalty ({@code sim}). */
    private static double[] sim(Vec hyp, Vec ref) {
        double delta = hyp.length() - ref.length();
        double penalty = Math.exp(-(delta * delta) / (2 * SIGMA * SIGMA));
        double[] val = new double[N];
        for (int n = 0; n < N; n++) {
            Map<List<String>, Double> r = ref.weights().get(n);
            for (Map.Entry<List<String>, Double> e : hyp.weights().get(n).entrySet()) {
                double rv = r.getOrDefault(e.getKey(), 0.0);
                val[n] += Math.min(e.getValue(), rv) * rv;
            }
            if (hyp.norms()[n] != 0 && ref.norms()[n] != 0) {
                val[n] /= hyp.norms()[n] * ref.norms()[n];
            }
            val[n] *= penalty;
        }
        return val;
    }
}
