package dev.transfusion.plugin;

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

    /** One line for {@code components}. */
    default String description() {
        return getClass().getName();
    }
}
