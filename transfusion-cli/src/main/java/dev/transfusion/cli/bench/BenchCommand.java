package dev.transfusion.cli.bench;

import dev.transfusion.backend.BackendFactory;
import dev.transfusion.core.backend.Backends;
import dev.transfusion.core.plugin.Plugins;
import dev.transfusion.core.runtime.PluginKinds;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bench [--backend NAME|all|a,b] [--json FILE] [--quick] [--threads N]}: matmul peak, training tokens/s and
 * MFU, decode tokens/s with and without the KV cache, seconds per image and peak memory, for each backend in one run.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure matmul peak, training throughput and MFU, KV-cache decoding and image generation.")
public final class BenchCommand implements Callable<Integer> {
    @Option(names = "--backend", description = "Backend name, a comma list (djl,tf), or 'all' "
            + "(default: the backend chosen by -Dtransfusion.backend, TRANSFUSION_BACKEND or rank).")
    String backend;

    @Option(names = "--json", description = "Also write the results as JSON to this file.")
    Path json;

    @Option(names = "--quick", description = "A toy model and few repeats (seconds; for tests, not for numbers).")
    boolean quick;

    @Option(names = "--threads", defaultValue = "0", description = "Intra-op threads per backend (0 = default).")
    int threads;

    @Option(names = "--verbose", description = "Show stack traces on errors.")
    boolean verbose;

    @Override
    public Integer call() throws Exception {
        if (threads < 0) {
            throw new IllegalArgumentException("--threads must be >= 0, got " + threads);
        }
        List<String> names = backends(backend, Plugins.registry(PluginKinds.ALL).factories(PluginKinds.BACKEND));
        BenchSettings settings = quick ? BenchSettings.quick() : BenchSettings.standard();
        double[] loadStart = ProcStats.loadAverage();
        BackendBench bench = new BackendBench(settings, System.err);
        List<BackendResult> results = new ArrayList<>();
        for (String name : names) {
            results.add(bench.run(name, threads));
        }
        BenchReport report = new BenchReport(settings, quick, Runtime.getRuntime().availableProcessors(), loadStart,
                ProcStats.loadAverage(), results);
        System.out.print(BenchTable.render(report));
        if (json != null) {
            Path parent = json.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(json, report.toJsonText());
            System.out.println("wrote " + json.toAbsolutePath());
        }
        return 0;
    }

    /**
     * The backends to run: {@code all} is every available one (djl first, so ratios read other/djl), a comma list is
     * taken in order, and null means the default choice.
     */
    static List<String> backends(String option, Map<String, BackendFactory> found) {
        if (option == null || option.isBlank()) {
            return List.of(Backends.select(null, found).name());
        }
        if (option.trim().equalsIgnoreCase("all")) {
            List<String> all = new ArrayList<>();
            found.values().stream().filter(BackendFactory::isAvailable).map(BackendFactory::name).sorted()
                    .forEach(all::add);
            if (all.isEmpty()) {
                throw new IllegalArgumentException("--backend all: no usable backend on the class path (found "
                        + found.keySet() + ")");
            }
            return all;
        }
        LinkedHashSet<String> picked = new LinkedHashSet<>();
        for (String n : option.split(",")) {
            String name = n.trim();
            BackendFactory p = found.get(name);
            if (p == null) {
                throw new IllegalArgumentException("--backend: unknown backend '" + name + "' in '" + option
                        + "'; known backends: " + found.keySet() + " (or 'all')");
            }
            if (!p.isAvailable()) {
                throw new IllegalArgumentException("--backend: backend '" + name
                        + "' is installed but its native library cannot be loaded on this machine");
            }
            picked.add(name);
        }
        return List.copyOf(picked);
    }
}
