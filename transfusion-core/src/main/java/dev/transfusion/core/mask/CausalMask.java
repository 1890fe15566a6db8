package dev.transfusion.core.mask;

import dev.transfusion.sequence.AttentionMask;
import dev.transfusion.sequence.AttentionMaskFactory;
import dev.transfusion.sequence.SequenceLayout;

/**
 * Causal attention everywhere, image patches included (the paper's ablation). Attention never crosses documents
 * packed into one row, and padding is never attended to (a padding query sees only itself).
 */
public final class CausalMask implements AttentionMask {
    @Override
    public boolean allows(SequenceLayout layout, int row, int query, int key) {
        int dq = layout.document(row, query);
        if (dq < 0) {
            return key == query;
        }
        return key <= query && layout.document(row, key) == dq;
    }

    /** The {@code causal} plugin. */
    public static final class Factory implements AttentionMaskFactory {
        @Override
        public String name() {
            return "causal";
        }

        @Override
        public AttentionMask create(dev.transfusion.plugin.ComponentSpec spec, dev.transfusion.plugin.PluginContext context) {
            spec.requireOnly();
            return new CausalMask();
        }

        @Override
        public String description() {
            return "causal attention over the whole sequence (ablation)";
        }
    }
}
