package dev.transfusion.core.plugin;

import com.google.inject.AbstractModule;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.multibindings.MapBinder;
import com.google.inject.util.Types;
import dev.transfusion.plugin.ComponentFactory;
import dev.transfusion.plugin.PluginKind;
import java.util.Collection;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Guice wiring for plugins: for every kind, a {@code MapBinder<String, F>} of its factories, so code can inject
 * e.g. {@code Map<String, NoiseScheduleFactory>}, and the {@link PluginRegistry} made from those maps. The maps start
 * with the factories found by {@link java.util.ServiceLoader}; a Guice module a plugin jar contributes (see
 * {@link Plugins}) may add factories to them with {@code MapBinder.newMapBinder(binder(), String.class,
 * NoiseScheduleFactory.class).addBinding("name")}, and Guice then creates those factories by constructor
 * injection. A name bound twice in one kind fails the same way as two services of one name.
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

    /** The registry of services this module binds (without what other modules add). */
    public PluginRegistry registry() {
        return registry;
    }

    @Override
    protected void configure() {
        for (PluginKind<?> kind : registry.kinds()) {
            bindKind(kind);
        }
    }

    private <F extends ComponentFactory<?>> void bindKind(PluginKind<F> kind) {
        // Duplicates are permitted here so that PluginRegistry's builder reports them, naming both classes.
        MapBinder<String, F> map = MapBinder.newMapBinder(binder(), String.class, kind.factoryType()).permitDuplicates();
        registry.factories(kind).forEach((name, factory) -> map.addBinding(name).toInstance(factory));
    }

    /** Every bound factory of every kind; the discovered registry itself when no module added any. */
    @Provides
    @Singleton
    PluginRegistry registry(Injector injector) {
        PluginRegistry.Builder all = PluginRegistry.builder();
        boolean added = false;
        for (PluginKind<?> kind : registry.kinds()) {
            added |= addBound(all, kind, injector);
        }
        return added ? all.build() : registry;
    }

    /** Adds every factory bound for {@code kind}; true when one of them is not from the discovered registry. */
    private <F extends ComponentFactory<?>> boolean addBound(PluginRegistry.Builder all, PluginKind<F> kind,
            Injector injector) {
        all.kind(kind);
        @SuppressWarnings("unchecked")
        Map<String, Set<F>> bound = (Map<String, Set<F>>) injector.getInstance(
                Key.get(Types.mapOf(String.class, Types.setOf(kind.factoryType()))));
        boolean added = false;
        for (Set<F> factories : bound.values()) {
            for (F f : factories) {
                all.add(kind, f);
                added |= !registry.factories(kind).containsValue(f);
            }
        }
        return added;
    }
}
