package dev.transfusion.core.plugin;

import dev.transfusion.plugin.ComponentFactory;
import dev.transfusion.plugin.ComponentInfo;
import dev.transfusion.plugin.ComponentSpec;
import dev.transfusion.plugin.ConfigException;
import dev.transfusion.plugin.PluginContext;
import dev.transfusion.plugin.PluginKind;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.TreeMap;

/**
 * The installed plugins: for each {@link PluginKind}, its factories by name, found with {@link ServiceLoader}.
 * Two factories of one kind with the same name fail naming both classes; an unknown name in a config fails with
 * the sorted known names (Trino's plugin manager pattern).
 */
public final class PluginRegistry {
    private final Map<PluginKind<?>, Map<String, ComponentFactory<?>>> byKind;

    private PluginRegistry(Map<PluginKind<?>, Map<String, ComponentFactory<?>>> byKind) {
        this.byKind = byKind;
    }

    /** Finds the factories of every kind visible to {@code loader}. */
    public static PluginRegistry discover(ClassLoader loader, Collection<? extends PluginKind<?>> kinds) {
        Objects.requireNonNull(loader, "loader");
        Objects.requireNonNull(kinds, "kinds");
        Builder b = builder();
        for (PluginKind<?> kind : kinds) {
            b.kind(kind);
            try {
                for (ComponentFactory<?> f : ServiceLoader.load(kind.factoryType(), loader)) {
                    b.addUnchecked(kind, f);
                }
            } catch (ServiceConfigurationError e) {
                throw new IllegalStateException("cannot load " + kind.name() + " plugins listed in META-INF/services/"
                        + kind.factoryType().getName() + ": " + e.getMessage(), e);
            }
        }
        return b.build();
    }

    /** Finds the factories of every kind on the thread's context class loader. */
    public static PluginRegistry discover(Collection<? extends PluginKind<?>> kinds) {
        ClassLoader cl = Thread.currentThread().getContextClassLoader();
        return discover(cl != null ? cl : PluginRegistry.class.getClassLoader(), kinds);
    }

    /** A registry assembled by hand (tests, embedding). */
    public static Builder builder() {
        return new Builder();
    }

    /** The kinds this registry knows, in the order given. */
    public List<PluginKind<?>> kinds() {
        return List.copyOf(byKind.keySet());
    }

    /** The factories of {@code kind} by name, sorted by name. */
    @SuppressWarnings("unchecked")
    public <F extends ComponentFactory<?>> Map<String, F> factories(PluginKind<F> kind) {
        return Collections.unmodifiableMap((Map<String, F>) (Map<String, ?>) known(kind));
    }

    /** The factory of {@code kind} called {@code name}, if installed. */
    public <F extends ComponentFactory<?>> Optional<F> find(PluginKind<F> kind, String name) {
        return Optional.ofNullable(factories(kind).get(Objects.requireNonNull(name, "name")));
    }

    /**
     * The factory {@code spec.type()} names; an unknown name is a {@link ConfigException} naming the spec's path,
     * the bad name and the known names of the kind.
     */
    public <F extends ComponentFactory<?>> F factory(PluginKind<F> kind, ComponentSpec spec) {
        Objects.requireNonNull(spec, "spec");
        F f = factories(kind).get(spec.type());
        if (f == null) {
            Map<String, F> all = factories(kind);
            throw spec.error("type", "unknown " + kind.name() + " '" + spec.type() + "'; known: "
                    + (all.isEmpty() ? "none installed (is the plugin jar on the class path?)" : all.keySet()));
        }
        return f;
    }

    /** Creates the component {@code spec} describes with the factory its {@code type} names. */
    public <T, F extends ComponentFactory<T>> T create(PluginKind<F> kind, ComponentSpec spec, PluginContext context) {
        Objects.requireNonNull(context, "context");
        F f = factory(kind, spec);
        T made = f.create(spec, context);
        if (made == null) {
            throw new IllegalStateException(kind.name() + " factory " + f.getClass().getName() + " ('" + f.name()
                    + "') returned null for " + spec.path());
        }
        return made;
    }

    /** Every installed factory, by kind (in kind order) then name, for a {@code components} listing. */
    public List<ComponentInfo> describe() {
        List<ComponentInfo> out = new ArrayList<>();
        byKind.forEach((kind, factories) -> factories.forEach((name, f) -> out.add(new ComponentInfo(kind.name(),
                name, f.getClass().getName(), sourceOf(f.getClass()), f.description()))));
        return out;
    }

    /** Where a class was loaded from: its named module, else its jar's file name or its folder, else "(unknown)". */
    static String sourceOf(Class<?> type) {
        if (type.getModule().isNamed()) {
            return "module " + type.getModule().getName();
        }
        CodeSource cs = type.getProtectionDomain().getCodeSource();
        if (cs == null || cs.getLocation() == null) {
            return "(unknown)";
        }
        try {
            Path p = Path.of(cs.getLocation().toURI());
            return p.toString().endsWith(".jar") ? p.getFileName().toString() : p.toString();
        } catch (URISyntaxException | IllegalArgumentException | java.nio.file.FileSystemNotFoundException e) {
            return cs.getLocation().toString();
        }
    }

    private Map<String, ComponentFactory<?>> known(PluginKind<?> kind) {
        Map<String, ComponentFactory<?>> m = byKind.get(Objects.requireNonNull(kind, "kind"));
        if (m == null) {
            throw new IllegalArgumentException("plugin kind " + kind + " is not registered; registered kinds: "
                    + byKind.keySet());
        }
        return m;
    }

    /** Assembles a registry, applying the same name checks as discovery. */
    public static final class Builder {
        private final Map<PluginKind<?>, Map<String, ComponentFactory<?>>> byKind = new LinkedHashMap<>();

        private Builder() {
        }

        /** Declares a kind (so it is known even with no factories). */
        public Builder kind(PluginKind<?> kind) {
            Objects.requireNonNull(kind, "kind");
            for (PluginKind<?> k : byKind.keySet()) {
                if (!k.equals(kind) && k.factoryType().equals(kind.factoryType())) {
                    throw new IllegalArgumentException("plugin kinds '" + k.name() + "' and '" + kind.name()
                            + "' share the factory interface " + kind.factoryType().getName());
                }
            }
            byKind.computeIfAbsent(kind, k -> new TreeMap<>());
            return this;
        }

        /** Adds a factory of {@code kind}; a second factory with the same name fails naming both classes. */
        public <F extends ComponentFactory<?>> Builder add(PluginKind<F> kind, F factory) {
            return addUnchecked(kind, Objects.requireNonNull(factory, "factory"));
        }

        private Builder addUnchecked(PluginKind<?> kind, ComponentFactory<?> factory) {
            kind(kind);
            if (!kind.factoryType().isInstance(factory)) {
                throw new IllegalArgumentException(factory.getClass().getName() + " is not a "
                        + kind.factoryType().getName());
            }
            String name = factory.name();
            if (name == null || name.isBlank()) {
                throw new IllegalStateException(kind.name() + " factory " + factory.getClass().getName()
                        + " has no name");
            }
            ComponentFactory<?> prev = byKind.get(kind).putIfAbsent(name, factory);
            if (prev != null) {
                throw new IllegalStateException("two " + kind.name() + " factories are named '" + name + "': "
                        + prev.getClass().getName() + " and " + factory.getClass().getName());
            }
            return this;
        }

        /** The registry. */
        public PluginRegistry build() {
            Map<PluginKind<?>, Map<String, ComponentFactory<?>>> copy = new LinkedHashMap<>();
            byKind.forEach((k, v) -> copy.put(k, Collections.unmodifiableMap(new TreeMap<>(v))));
            return new PluginRegistry(Collections.unmodifiableMap(copy));
        }
    }
}
