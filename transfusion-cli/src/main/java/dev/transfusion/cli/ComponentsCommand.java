package dev.transfusion.cli;

import dev.transfusion.backend.BackendProvider;
import dev.transfusion.core.backend.Backends;
import dev.transfusion.core.plugin.PluginRegistry;
import dev.transfusion.core.runtime.PluginKinds;
import dev.transfusion.plugin.ComponentInfo;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code components}: every discovered plugin by kind, with the jar or module it came from. */
@Command(name = "components", mixinStandardHelpOptions = true, description = "List discovered plugins.")
final class ComponentsCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.out.println("backend");
        for (Map.Entry<String, BackendProvider> e : Backends.discover().entrySet()) {
            BackendProvider p = e.getValue();
            System.out.printf("  %-14s rank %-4d %-10s %s  [%s]%n", e.getKey(), p.rank(),
                    p.isAvailable() ? "available" : "unavailable", p.capabilities(), source(p.getClass()));
        }
        PluginRegistry registry = PluginRegistry.discover(PluginKinds.ALL);
        String kind = "";
        for (ComponentInfo c : registry.describe()) {
            if (!c.kind().equals(kind)) {
                kind = c.kind();
                System.out.println(kind);
            }
            System.out.printf("  %-14s %s  [%s]%n", c.name(), c.description(), c.source());
        }
        return 0;
    }

    static String source(Class<?> c) {
        var cs = c.getProtectionDomain().getCodeSource();
        if (cs == null || cs.getLocation() == null) {
            return "unknown";
        }
        String s = cs.getLocation().getPath();
        s = s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
        return s.substring(s.lastIndexOf('/') + 1);
    }
}
