package dev.transfusion.sequence;

import dev.transfusion.plugin.ComponentFactory;

/** Plugin kind for attention masks ({@code attention.type}); register in META-INF/services. */
public interface AttentionMaskFactory extends ComponentFactory<AttentionMask> {
}
