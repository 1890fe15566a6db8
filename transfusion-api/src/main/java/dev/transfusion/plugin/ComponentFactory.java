package dev.transfusion.plugin;

import java.util.List;

/**
 * A named plugin factory (Trino's ConnectorFactory pattern). Each plugin kind extends this with its product type
 * and is listed by implementations in {@code META-INF/services/<kind interface>}. {@link #create} is the one way
 * every kind is created: what a component needs from other components it takes from the {@link PluginContext},
 * under the keys its kind's factory interface documents.
 */
public interface ComponentFactory<T> {
    /** The name configs select it by ({@code type: name}). */
    String name();

    /**
     * Creates the component, complete and ready to use; bad params are {@link ConfigException}s via the spec, and a
     * missing context value fails in {@link PluginContext#require}.
     */
    T create(ComponentSpec spec, PluginContext context);

    /**
     * The params whose values name files or folders the component reads when it is created (resolved against
     * {@link PluginContext#baseDir()}), such as a tokenizer's vocabulary file or a codec's weights. A training run
     * copies them into its folder, so a trained model loads from the run folder alone. None by default.
     */
    default List<String> fileParams() {
        return List.of();
    }

    /** One line for {@code components}. */
    default String description() {
        return getClass().getName();
    }
}
