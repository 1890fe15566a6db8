package dev.transfusion.core.plugin;

import com.google.inject.CreationException;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Module;
import com.google.inject.Provider;
import com.google.inject.ProvisionException;
import com.google.inject.spi.Message;
import dev.transfusion.plugin.PluginKind;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/**
 * The plugin host (Apache Druid's extension pattern): besides the factories each jar lists in
 * {@code META-INF/services/<kind>}, a plugin jar that chooses to depend on Guice may list Guice modules in
 * {@code META-INF/services/com.google.inject.Module}; the host installs them next to its own modules, so their
 * bindings (extra factories, or what those factories inject) are used. Errors that Guice wraps while creating
 * come out as the plugin's own exception.
 */
public final class Plugins {
    private Plugins() {
    }

    /** The Guice modules plugin jars visible to {@code loader} contribute, in class-path order. */
    public static List<Module> contributedModules(ClassLoader loader) {
        Objects.requireNonNull(loader, "loader");
        List<Module> modules = new ArrayList<>();
        try {
            for (Module m : ServiceLoader.load(Module.class, loader)) {
                modules.add(m);
            }
        } catch (ServiceConfigurationError e) {
            throw new IllegalStateException("cannot load a Guice module listed in META-INF/services/"
                    + Module.class.getName() + ": " + e.getMessage(), e);
        }
        return modules;
    }

    /**
     * An injector holding every plugin of {@code kinds} visible to {@code loader} (services and contributed
     * modules' bindings, see {@link PluginModule}) plus {@code hostModules}.
     */
    public static Injector injector(ClassLoader loader, Collection<? extends PluginKind<?>> kinds,
            Module... hostModules) {
        List<Module> modules = new ArrayList<>();
        modules.add(new PluginModule(loader, kinds));
        modules.addAll(contributedModules(loader));
        modules.addAll(List.of(hostModules));
        try {
            return Guice.createInjector(modules);
        } catch (CreationException | ProvisionException e) {
            throw unwrap(e);
        }
    }

    /** The registry of every plugin of {@code kinds} visible to {@code loader}, contributed modules' included. */
    public static PluginRegistry registry(ClassLoader loader, Collection<? extends PluginKind<?>> kinds) {
        return instance(injector(loader, kinds), PluginRegistry.class);
    }

    /** The registry of every plugin of {@code kinds} on the thread's context class loader. */
    public static PluginRegistry registry(Collection<? extends PluginKind<?>> kinds) {
        ClassLoader cl = Thread.currentThread().getContextClassLoader();
        return registry(cl != null ? cl : Plugins.class.getClassLoader(), kinds);
    }

    /** {@code injector}'s instance of {@code type}, with any error the plugin threw unwrapped from Guice's. */
    public static <T> T instance(Injector injector, Class<T> type) {
        try {
            return injector.getInstance(type);
        } catch (CreationException | ProvisionException e) {
            throw unwrap(e);
        }
    }

    /** {@code provider.get()}, with any error the plugin threw unwrapped from Guice's. */
    public static <T> T provide(Provider<T> provider) {
        try {
            return provider.get();
        } catch (CreationException | ProvisionException e) {
            throw unwrap(e);
        }
    }

    /**
     * The first exception a provider or plugin threw inside Guice's {@link ProvisionException} or
     * {@link CreationException}, so users see the plugin's own message; {@code e} itself when there is none.
     */
    public static RuntimeException unwrap(RuntimeException e) {
        Collection<Message> messages = e instanceof ProvisionException p ? p.getErrorMessages()
                : e instanceof CreationException c ? c.getErrorMessages() : List.of();
        for (Message m : messages) {
            for (Throwable t = m.getCause(); t != null; t = t.getCause()) {
                if (t instanceof RuntimeException r && !(t instanceof ProvisionException)
                        && !(t instanceof CreationException)) {
                    return r;
                }
            }
        }
        return e;
    }
}
