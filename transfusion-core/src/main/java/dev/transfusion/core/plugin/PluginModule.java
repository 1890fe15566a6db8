package dev.transfusion.core.plugin;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.MapBinder;
import dev.transfusion.plugin.ComponentFactory;
import dev.transfusion.plugin.PluginKind;
import java.util.Collection;
import java.util.Objects;

/**
 * Guice wiring for plugins: binds the {@link PluginRegistry} and, for every kind, a {@code MapBinder<String, F>} of
 * its factories, so code can inject e.g. {@code Map<String, NoiseScheduleFactory>}.
 */
public final class PluginModule extends AbstractModule {
    private final PluginRegistry registry;

    /** Binds the factories of an existing registry. */
    public PluginModule(PluginRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
    }

    /** Discovers the factories of {@code kinds} visible to {@code loader} and binds them. */
    public PluginModule(ClassLoader loader, Collection<? extends PluginKind<?>> kinds) {
        this(PluginRegistry.discover(loader, kinds));
    }

    /** The registry this module binds. */
    public PluginRegistry registry() {
        return registry;
    }

    @Override
    protected void configure() {
        bind(PluginRegistry.class).toInstance(registry);
        for (PluginKind<?> kind : registry.kinds()) {
            bindKind(kind);
        }
    }

    private <F extends ComponentFactory<?>> void bindKind(PluginKind<F> kind) {
        MapBinder<String, F> map = MapBinder.newMapBinder(binder(), String.class, kind.factoryType());
        registry.factories(kind).forEach((name, factory) -> map.addBinding(name).toInstance(factory));
    }
}
