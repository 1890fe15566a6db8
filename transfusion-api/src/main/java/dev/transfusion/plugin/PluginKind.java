package dev.transfusion.plugin;

import java.util.Objects;

/**
 * One kind of plugin: a human name for messages ("noise schedule"), the factory interface implementations are
 * listed under in {@code META-INF/services}, and where in a config such components appear ("diffusion.schedule").
 */
public record PluginKind<F extends ComponentFactory<?>>(String name, Class<F> factoryType, String configPath) {
    public PluginKind {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(factoryType, "factoryType");
        Objects.requireNonNull(configPath, "configPath");
        if (!factoryType.isInterface() || !ComponentFactory.class.isAssignableFrom(factoryType)) {
            throw new IllegalArgumentException("plugin kind '" + name + "': " + factoryType.getName()
                    + " must be an interface extending " + ComponentFactory.class.getName());
        }
    }

    /** Creates a kind. */
    public static <F extends ComponentFactory<?>> PluginKind<F> of(String name, Class<F> factoryType,
            String configPath) {
        return new PluginKind<>(name, factoryType, configPath);
    }

    @Override
    public String toString() {
        return name + " (" + factoryType.getSimpleName() + ")";
    }
}
