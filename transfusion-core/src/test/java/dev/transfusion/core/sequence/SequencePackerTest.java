package dev.transfusion.core.sequence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.transfusion.sequence.SequenceLayout;
import dev.transfusion.tensor.HostTensor;
import dev.transfusion.tensor.Shape;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;

class SequencePackerTest {
    static final int PAD = 99;
    static final int P = 4;

    static Document captionImage(int captionLen) {
        int[] head = new int[captionLen + 2];
        for (int i = 0; i < head.length; i++) {
            head[i] = 10 + i;
        }
        return new Document(List.of(new Segment.Text(head),
                new Segment.Image(HostTensor.zeros(Shape.of(1, 2, 2)), false, "img"),
                new Segment.Text(new int[] {7, 8})));
    }

    @Test
    void laysOutTextPatchesAndTargets() {
        SequencePacker packer = new SequencePacker(1, 16, P, PAD);
        Deque<Document> q = new ArrayDeque<>(List.of(captionImage(1)));
        PackedSequences p = packer.pack(q);
        // BOS-ish 10, 11, BOI-ish 12, 4 patches, EOI 7, EOS 8, then padding.
        assertThat(p.tokens()).startsWith(10, 11, 12, PAD, PAD, PAD, PAD, 7, 8, PAD);
        assertThat(p.layout().kind(0, 3)).isEqualTo(SequenceLayout.PATCH);
        assertThat(p.layout().kind(0, 9)).isEqualTo(SequenceLayout.PAD);
        // Text predicts the next text token; no target from the position before a patch or from patches.
        assertThat(p.textTargets()[0]).isEqualTo(11);
        assertThat(p.textMask()[0]).isEqualTo(1f);
        assertThat(p.textMask()[2]).isEqualTo(0f);
        assertThat(p.textMask()[6]).isEqualTo(0f);
        assertThat(p.textTargets()[7]).isEqualTo(8);
        assertThat(p.textMask()[8]).isEqualTo(0f);
        // Patch positions take rows from the patch table; patch_rows points back at them.
        assertThat(p.source()[3]).isEqualTo(16);
        assertThat(p.patchRows()).startsWith(3, 4, 5, 6);
        assertThat(p.images()).hasSize(1);
    }

    @Test
    void packsSeveralDocumentsPerRowAndMovesToNextRow() {
        SequencePacker packer = new SequencePacker(2, 20, P, PAD);
        Deque<Document> q = new ArrayDeque<>();
        for (int i = 0; i < 5; i++) {
            q.add(captionImage(2)); // 4 + 4 + 2 = 10 positions
        }
        PackedSequences p = packer.pack(q);
        assertThat(p.images()).hasSize(4);
        assertThat(q).hasSize(1);
        assertThat(p.layout().document(0, 0)).isZero();
        assertThat(p.layout().document(0, 10)).isEqualTo(1);
        assertThat(p.layout().document(1, 0)).isEqualTo(2);
        assertThat(p.images().get(2).row()).isEqualTo(1);
    }

    @Test
    void dropsImageDocumentsThatCannotFitAndSplitsLongText() {
        SequencePacker packer = new SequencePacker(2, 8, P, PAD);
        Deque<Document> q = new ArrayDeque<>();
        q.add(captionImage(5)); // 7 + 4 + 2 = 13 > 8: dropped, never cut mid-image
        q.add(new Document(List.of(new Segment.Text(new int[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10}))));
        PackedSequences p = packer.pack(q);
        assertThat(p.dropped()).isEqualTo(1);
        assertThat(p.tokens()).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, PAD, PAD, PAD, PAD, PAD, PAD);
        assertThat(p.images()).isEmpty();
    }
}
