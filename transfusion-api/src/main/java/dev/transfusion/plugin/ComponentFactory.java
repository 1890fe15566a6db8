package dev.transfusion.plugin;

/**
 * A named plugin factory (Trino's ConnectorFactory pattern). Each plugin kind extends this with its product type
 * and is listed by implementations in {@code META-INF/services/<kind interface>}.
 */
public interface ComponentFactory<T> {
    /** The name configs select it by ({@code type: name}). */
    String name();

    /** Creates the component; bad params are {@link dev.transfusion.plugin.ConfigException}s via the spec. */
    T create(ComponentSpec spec, PluginContext context);

    /** One line for {@code components}. */
    default String description() {
        return getClass().getName();
    }
}
