package dev.transfusion.core.mask;

import dev.transfusion.sequence.AttentionMask;
import dev.transfusion.sequence.AttentionMaskFactory;
import dev.transfusion.sequence.SequenceLayout;

/**
 * The paper's mask: causal over the sequence, except that the patches of one image attend to each other
 * bidirectionally. An image never sees a later image's patches; documents never see each other; padding is
 * never attended to.
 */
public final class TransfusionMask implements AttentionMask {
    @Override
    public boolean allows(SequenceLayout layout, int row, int query, int key) {
        int dq = layout.document(row, query);
        if (dq < 0) {
            return key == query;
        }
        if (layout.document(row, key) != dq) {
            return false;
        }
        if (key <= query) {
            return true;
        }
        int iq = layout.image(row, query);
        return iq >= 0 && layout.image(row, key) == iq;
    }

    /** The {@code transfusion} plugin. */
    public static final class Factory implements AttentionMaskFactory {
        @Override
        public String name() {
            return "transfusion";
        }

        @Override
        public AttentionMask create(dev.transfusion.plugin.ComponentSpec spec, dev.transfusion.plugin.PluginContext context) {
            spec.requireOnly();
            return new TransfusionMask();
        }

        @Override
        public String description() {
            return "causal, bidirectional within each image (the paper's default)";
        }
    }
}
