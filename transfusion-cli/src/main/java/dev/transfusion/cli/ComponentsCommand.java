package dev.transfusion.cli;

import dev.transfusion.backend.BackendFactory;
import dev.transfusion.core.plugin.PluginRegistry;
import dev.transfusion.core.plugin.Plugins;
import dev.transfusion.core.runtime.PluginKinds;
import dev.transfusion.plugin.ComponentInfo;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code components}: every discovered plugin by kind, with the jar or module it came from. */
@Command(name = "components", mixinStandardHelpOptions = true, description = "List discovered plugins.")
final class ComponentsCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        PluginRegistry registry = Plugins.registry(PluginKinds.ALL);
        String kind = "";
        for (ComponentInfo c : registry.describe()) {
            if (!c.kind().equals(kind)) {
                kind = c.kind();
                System.out.println(kind);
            }
            if (kind.equals(PluginKinds.BACKEND.name())) {
                BackendFactory b = registry.factories(PluginKinds.BACKEND).get(c.name());
                System.out.printf("  %-14s rank %-4d %-10s %s  %s  [%s]%n", c.name(), b.rank(),
                        b.isAvailable() ? "available" : "unavailable", b.capabilities(), c.description(), c.source());
            } else {
                System.out.printf("  %-14s %s  [%s]%n", c.name(), c.description(), c.source());
            }
        }
        return 0;
    }
}
