package dev.transfusion.core.mask;

import static org.assertj.core.api.Assertions.assertThat;

import dev.transfusion.core.sequence.Document;
import dev.transfusion.core.sequence.PackedSequences;
import dev.transfusion.core.sequence.Segment;
import dev.transfusion.core.sequence.SequencePacker;
import dev.transfusion.sequence.AttentionMask;
import dev.transfusion.sequence.SequenceLayout;
import dev.transfusion.tensor.HostTensor;
import dev.transfusion.tensor.Shape;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

/** Invariants of the masks on random packed documents with several images each. */
class AttentionMaskPropertyTest {
    static final Random RNG = new Random(7);

    static PackedSequences randomBatch() {
        Deque<Document> q = new ArrayDeque<>();
        for (int d = 0; d < 12; d++) {
            List<Segment> segs = new ArrayList<>();
            int parts = 1 + RNG.nextInt(4);
            for (int i = 0; i < parts; i++) {
                if (RNG.nextBoolean()) {
                    segs.add(new Segment.Text(new int[1 + RNG.nextInt(5)]));
                } else {
                    segs.add(new Segment.Image(HostTensor.zeros(Shape.of(1, 1, 1)), false, null));
                }
            }
            q.add(new Document(segs));
        }
        return new SequencePacker(3, 40, 3, 0).pack(q);
    }

    @RepeatedTest(20)
    void transfusionMaskInvariants() {
        PackedSequences p = randomBatch();
        SequenceLayout l = p.layout();
        AttentionMask m = new TransfusionMask();
        for (int r = 0; r < l.rows(); r++) {
            for (int q = 0; q < l.length(); q++) {
                for (int k = 0; k < l.length(); k++) {
                    boolean allowed = m.allows(l, r, q, k);
                    int dq = l.document(r, q);
                    int dk = l.document(r, k);
                    if (dq < 0 || dk < 0) {
                        assertThat(allowed).as("padding only sees itself").isEqualTo(q == k);
                        continue;
                    }
                    if (dq != dk) {
                        assertThat(allowed).as("documents are isolated").isFalse();
                        continue;
                    }
                    boolean sameImage = l.image(r, q) >= 0 && l.image(r, q) == l.image(r, k);
                    if (k <= q) {
                        assertThat(allowed).as("causal past is visible").isTrue();
                    } else {
                        assertThat(allowed).as("future visible only within the same image").isEqualTo(sameImage);
                    }
                }
            }
        }
    }

    @RepeatedTest(10)
    void causalMaskNeverSeesTheFuture() {
        PackedSequences p = randomBatch();
        SequenceLayout l = p.layout();
        AttentionMask m = new CausalMask();
        for (int r = 0; r < l.rows(); r++) {
            for (int q = 0; q < l.length(); q++) {
                for (int k = q + 1; k < l.length(); k++) {
                    assertThat(m.allows(l, r, q, k)).isFalse();
                }
            }
        }
    }

    @Test
    void builtMaskMatchesAllowsAndEveryRowSeesSomething() {
        PackedSequences p = randomBatch();
        SequenceLayout l = p.layout();
        HostTensor t = new TransfusionMask().build(l);
        assertThat(t.shape()).isEqualTo(Shape.of(3, 1, 40, 40));
        float[] v = t.floats();
        for (int r = 0; r < 3; r++) {
            for (int q = 0; q < 40; q++) {
                boolean any = false;
                for (int k = 0; k < 40; k++) {
                    float expected = new TransfusionMask().allows(l, r, q, k) ? 0f : AttentionMask.BLOCKED;
                    assertThat(v[(r * 40 + q) * 40 + k]).isEqualTo(expected);
                    any |= expected == 0f;
                }
                assertThat(any).isTrue();
            }
        }
    }
}
