package dev.transfusion.core.plugin;

import static dev.transfusion.core.plugin.TestPlugins.COUNTER;
import static dev.transfusion.core.plugin.TestPlugins.GREETER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.transfusion.core.config.ConfigLoader;
import dev.transfusion.plugin.ComponentFactory;
import dev.transfusion.plugin.ComponentInfo;
import dev.transfusion.plugin.ComponentSpec;
import dev.transfusion.plugin.ConfigException;
import dev.transfusion.plugin.PluginContext;
import dev.transfusion.plugin.PluginKind;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Discovery through ServiceLoader, name checks and creation. */
class PluginRegistryTest {
    private static final ClassLoader LOADER = PluginRegistryTest.class.getClassLoader();
    private static final PluginContext CONTEXT = PluginContext.of(40, Path.of("."));

    private static PluginRegistry registry() {
        return PluginRegistry.discover(LOADER, List.of(GREETER, COUNTER));
    }

    @Test
    void discoversEveryKindsFactoriesByName() {
        PluginRegistry r = registry();
        assertThat(r.kinds()).containsExactly(GREETER, COUNTER);
        assertThat(r.factories(GREETER)).containsOnlyKeys("hello", "hi");
        assertThat(r.factories(GREETER).get("hello")).isInstanceOf(TestPlugins.HelloFactory.class);
        assertThat(r.factories(COUNTER)).containsOnlyKeys("seeded");
        assertThat(r.find(GREETER, "hi")).isPresent();
        assertThat(r.find(GREETER, "howdy")).isEmpty();
    }

    @Test
    void createsComponentsFromSpecs() {
        PluginRegistry r = registry();
        TestPlugins.Greeter g = r.create(GREETER, ComponentSpec.of("greeter", "hello", Map.of("punct", "?")), CONTEXT);
        assertThat(g.greet("you")).isEqualTo("hello you?");
        Integer n = r.create(COUNTER, ComponentSpec.of("counter", "seeded", Map.of("offset", 2)), CONTEXT);
        assertThat(n).isEqualTo(42);
    }

    @Test
    void unknownNameNamesThePathTheNameAndTheSortedKnownNames() {
        PluginRegistry r = registry();
        assertThatThrownBy(() -> r.create(GREETER, ComponentSpec.of("a.greeter", "howdy", Map.of()), CONTEXT))
                .isInstanceOf(ConfigException.class)
                .hasMessage("a.greeter.type: unknown greeter 'howdy'; known: [hello, hi]");
    }

    @Test
    void unknownNameFromAConfigFileNamesTheLine() {
        ComponentSpec spec = ConfigLoader.parse("seed: 1\nsampler:\n  type: dpm\n", "x.yaml", List.of()).sampler();
        PluginRegistry r = PluginRegistry.builder().add(GREETER, new TestPlugins.HiFactory()).build();
        assertThatThrownBy(() -> r.factory(GREETER, spec))
                .hasMessage("sampler.type (line 3): unknown greeter 'dpm'; known: [hi]");
    }

    @Test
    void kindWithoutFactoriesSaysSo() {
        PluginKind<TestPlugins.EmptyFactory> empty = PluginKind.of("widget", TestPlugins.EmptyFactory.class, "w");
        PluginRegistry r = PluginRegistry.discover(LOADER, List.of(empty));
        assertThat(r.factories(empty)).isEmpty();
        assertThatThrownBy(() -> r.factory(empty, ComponentSpec.of("w", "x", Map.of())))
                .hasMessage("w.type: unknown widget 'x'; known: none installed (is the plugin jar on the class path?)");
    }

    @Test
    void factoryErrorsPassThrough() {
        assertThatThrownBy(() -> registry().create(GREETER, ComponentSpec.of("g", "hello", Map.of("pun", "!")),
                CONTEXT)).isInstanceOf(ConfigException.class).hasMessageContaining("g.pun").hasMessageContaining(
                        "known keys: [punct]");
    }

    @Test
    void duplicateNamesNameBothClasses() {
        PluginKind<TestPlugins.DuplicateFactory> dup = PluginKind.of("dup", TestPlugins.DuplicateFactory.class, "d");
        assertThatThrownBy(() -> PluginRegistry.discover(LOADER, List.of(dup))).isInstanceOf(IllegalStateException.class)
                .hasMessage("two dup factories are named 'same': dev.transfusion.core.plugin.TestPlugins$SameA and "
                        + "dev.transfusion.core.plugin.TestPlugins$SameB");
        assertThatThrownBy(() -> PluginRegistry.builder().add(GREETER, new TestPlugins.HiFactory())
                .add(GREETER, new TestPlugins.HiFactory())).hasMessageContaining("named 'hi'");
    }

    @Test
    void brokenServiceFileIsAClearError() {
        PluginKind<TestPlugins.BrokenFactory> broken = PluginKind.of("broken", TestPlugins.BrokenFactory.class, "b");
        assertThatThrownBy(() -> PluginRegistry.discover(LOADER, List.of(broken)))
                .hasMessageStartingWith("cannot load broken plugins listed in META-INF/services/"
                        + "dev.transfusion.core.plugin.TestPlugins$BrokenFactory")
                .hasMessageContaining("dev.transfusion.core.plugin.NoSuchFactory");
    }

    @Test
    void discoveryUsesTheGivenClassLoader(@TempDir Path dir) throws Exception {
        Path services = dir.resolve("META-INF/services");
        Files.createDirectories(services);
        Files.writeString(services.resolve(TestPlugins.GreeterFactory.class.getName()),
                TestPlugins.ExtraGreeterFactory.class.getName() + "\n");
        try (URLClassLoader child = new URLClassLoader(new URL[] {dir.toUri().toURL()}, LOADER)) {
            assertThat(PluginRegistry.discover(child, List.of(GREETER)).factories(GREETER))
                    .containsOnlyKeys("extra", "hello", "hi");
        }
        assertThat(registry().factories(GREETER)).doesNotContainKey("extra");
    }

    @Test
    void describeListsKindNameClassSourceAndDescription() {
        List<ComponentInfo> infos = registry().describe();
        assertThat(infos).extracting(ComponentInfo::kind, ComponentInfo::name).containsExactly(
                org.assertj.core.groups.Tuple.tuple("greeter", "hello"),
                org.assertj.core.groups.Tuple.tuple("greeter", "hi"),
                org.assertj.core.groups.Tuple.tuple("counter", "seeded"));
        ComponentInfo hello = infos.get(0);
        assertThat(hello.factoryClass()).isEqualTo(TestPlugins.HelloFactory.class.getName());
        assertThat(hello.description()).isEqualTo("says hello");
        assertThat(infos.get(1).description()).isEqualTo(TestPlugins.HiFactory.class.getName());
        // test classes come from a folder; a JDK class reports its module
        String expected = Path.of(TestPlugins.class.getProtectionDomain().getCodeSource().getLocation().getPath())
                .toString();
        assertThat(hello.source()).isEqualTo(expected);
        assertThat(PluginRegistry.sourceOf(String.class)).isEqualTo("module java.base");
    }

    @Test
    void kindsMustBeFactoryInterfaces() {
        @SuppressWarnings({"unchecked", "rawtypes"})
        Class<ComponentFactory<?>> notInterface = (Class) TestPlugins.HiFactory.class;
        assertThatThrownBy(() -> PluginKind.of("x", notInterface, "x"))
                .hasMessageContaining("must be an interface extending");
    }
}
