package dev.transfusion.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

/** CIDEr-D against hand-computed values of the coco-caption formula and its basic properties. */
class CiderDTest {
    /**
     * Three images, one reference each: "x y z w", "x y", "x" (N = 3, so idf = ln 3 − ln df). Document frequencies:
     * x 3 (idf 0), y and "x y" 2 (idf A = ln 1.5), everything else 1 or absent (idf B = ln 3).
     */
    @Test
    void matchesHandComputedExample() {
        double a = Math.log(1.5);
        double b = Math.log(3);
        // candidate 0 "x y z z" vs "x y z w": unigrams h = (x 0, y A, z 2B), r = (x 0, y A, z B, w B); clipping makes
        // z contribute min(2B, B)·B = B². Bigrams h = (xy A, yz B, zz B), r = (xy A, yz B, zw B). Trigrams share
        // "x y z" only (B² over 2B²); the 4-grams differ. Both have 3 bigrams: no length penalty.
        double u0 = (a * a + b * b) / (Math.sqrt(a * a + 4 * b * b) * Math.sqrt(a * a + 2 * b * b));
        double b0 = (a * a + b * b) / (a * a + 2 * b * b);
        double s0 = 10 * (u0 + b0 + 0.5 + 0) / 4;
        // candidate 1 "x y y" vs "x y": unigrams h = (x 0, y 2A), r = (x 0, y A): min(2A, A)·A / (2A·A) = 1/2.
        // Bigrams h = (xy A, yy B), r = (xy A): A² / (A·√(A²+B²)). No reference trigram: 0. The candidate has 2
        // bigrams, the reference 1: penalty exp(−1/72).
        double s1 = 10 * Math.exp(-1.0 / 72) * (0.5 + a / Math.sqrt(a * a + b * b)) / 4;
        // candidate 2 "x" vs "x": identical, but "x" is in every reference (idf 0), so both vectors are zero: 0.
        double s2 = 0;

        CiderD.Result r = CiderD.score(List.of("x y z z", "x y y", "x"),
                List.of(List.of("x y z w"), List.of("x y"), List.of("x")));

        assertThat(r.perCandidate().get(0)).isCloseTo(s0, within(1e-12));
        assertThat(r.perCandidate().get(1)).isCloseTo(s1, within(1e-12));
        assertThat(r.perCandidate().get(2)).isCloseTo(s2, within(1e-12));
        assertThat(r.score()).isCloseTo((s0 + s1 + s2) / 3, within(1e-12));
        assertThat(s0).isCloseTo(3.5353, within(1e-3)); // sanity of the hand formula itself
    }

    /**
     * A candidate equal to its only reference scores exactly 10 when, for every n = 1..4, some n-gram of it is absent
     * from another image's references (idf > 0): each order's clipped cosine is then 1 and the length penalty 1.
     */
    @Test
    void identicalCaptionScoresTenWhenEveryOrderIsInformative() {
        CiderD.Result r = CiderD.score(List.of("a red circle on top", "a blue square below it"),
                List.of(List.of("a red circle on top"), List.of("a blue square below it")));
        assertThat(r.perCandidate()).allSatisfy(s -> assertThat(s).isCloseTo(10.0, within(1e-12)));
        assertThat(r.score()).isCloseTo(10.0, within(1e-12));
    }

    /** With three words there are no 4-grams, so that order contributes 0: an identical caption scores 10·3/4. */
    @Test
    void identicalShortCaptionLacksTheFourGramOrder() {
        CiderD.Result r = CiderD.score(List.of("a b c", "a b d"), List.of(List.of("a b c"), List.of("a b d")));
        // unigram and bigram vectors keep only "c"/"b c" (idf ln 2): cosine 1; trigram: cosine 1; 4-gram: 0.
        assertThat(r.perCandidate()).allSatisfy(s -> assertThat(s).isCloseTo(7.5, within(1e-12)));
    }

    /** A single-image corpus has idf ln 1 − ln 1 = 0 for every reference n-gram, so every score is 0. */
    @Test
    void singleImageCorpusScoresZero() {
        assertThat(CiderD.score(List.of("a red circle on top"), List.of(List.of("a red circle on top"))).score())
                .isEqualTo(0.0);
    }

    /** Scores average over references, and the tokenizer ignores case and punctuation. */
    @Test
    void averagesOverReferencesAndNormalisesText() {
        List<List<String>> refs = List.of(List.of("a red circle on top", "one green square left"),
                List.of("a blue square below it"));
        double single = CiderD.score(List.of("a red circle on top", "a blue square below it"),
                List.of(List.of("a red circle on top"), refs.get(1))).perCandidate().get(0);
        double two = CiderD.score(List.of("A red circle, on top.", "a blue square below it"), refs).perCandidate().get(0);
        assertThat(two).isLessThan(single);
        assertThat(CiderD.tokenize("A red circle, on top.")).containsExactly("a", "red", "circle", "on", "top");
    }

    @Test
    void rejectsMismatchedInputs() {
        assertThatThrownBy(() -> CiderD.score(List.of("a"), List.of())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1 candidates and 0 lists");
        assertThatThrownBy(() -> CiderD.score(List.of("a"), List.of(List.of())))
                .hasMessageContaining("no reference");
    }
}
