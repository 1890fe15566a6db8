package dev.transfusion.core.plugin;

import dev.transfusion.plugin.ComponentFactory;
import dev.transfusion.plugin.ComponentSpec;
import dev.transfusion.plugin.PluginContext;
import dev.transfusion.plugin.PluginKind;

/** Test-only plugin kinds and factories, listed in src/test/resources/META-INF/services. */
public final class TestPlugins {
    private TestPlugins() {
    }

    /** A product: says hello. */
    public interface Greeter {
        /** The greeting for {@code who}. */
        String greet(String who);
    }

    /** Kind 1: greeters (two factories installed). */
    public interface GreeterFactory extends ComponentFactory<Greeter> {
    }

    /** Kind 2: counters (one factory installed). */
    public interface CounterFactory extends ComponentFactory<Integer> {
    }

    /** Kind with two factories of one name. */
    public interface DuplicateFactory extends ComponentFactory<String> {
    }

    /** Kind whose services file lists a class that does not exist. */
    public interface BrokenFactory extends ComponentFactory<String> {
    }

    /** Kind with no factories installed. */
    public interface EmptyFactory extends ComponentFactory<String> {
    }

    public static final PluginKind<GreeterFactory> GREETER = PluginKind.of("greeter", GreeterFactory.class, "greeter");
    public static final PluginKind<CounterFactory> COUNTER = PluginKind.of("counter", CounterFactory.class, "counter");

    /** "hello": greets with {@code punct} (default "!"). */
    public static final class HelloFactory implements GreeterFactory {
        @Override
        public String name() {
            return "hello";
        }

        @Override
        public Greeter create(ComponentSpec spec, PluginContext context) {
            spec.requireOnly("punct");
            String punct = spec.getString("punct", "!");
            return who -> "hello " + who + punct;
        }

        @Override
        public String description() {
            return "says hello";
        }
    }

    /** "hi": greets briefly. */
    public static final class HiFactory implements GreeterFactory {
        @Override
        public String name() {
            return "hi";
        }

        @Override
        public Greeter create(ComponentSpec spec, PluginContext context) {
            return who -> "hi " + who;
        }
    }

    /** "seeded": the context's seed plus {@code offset}. */
    public static final class SeededCounterFactory implements CounterFactory {
        @Override
        public String name() {
            return "seeded";
        }

        @Override
        public Integer create(ComponentSpec spec, PluginContext context) {
            return (int) context.seed() + spec.getInt("offset", 0);
        }
    }

    /** One of two factories named "same". */
    public static final class SameA implements DuplicateFactory {
        @Override
        public String name() {
            return "same";
        }

        @Override
        public String create(ComponentSpec spec, PluginContext context) {
            return "a";
        }
    }

    /** The other factory named "same". */
    public static final class SameB implements DuplicateFactory {
        @Override
        public String name() {
            return "same";
        }

        @Override
        public String create(ComponentSpec spec, PluginContext context) {
            return "b";
        }
    }

    /** A factory that only a child class loader lists (proves discovery uses the given loader). */
    public static final class ExtraGreeterFactory implements GreeterFactory {
        @Override
        public String name() {
            return "extra";
        }

        @Override
        public Greeter create(ComponentSpec spec, PluginContext context) {
            return who -> "extra " + who;
        }
    }
}
