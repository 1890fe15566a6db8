package dev.transfusion.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.transfusion.core.checkpoint.AtomicFiles;
import dev.transfusion.core.checkpoint.CheckpointStore;
import dev.transfusion.core.config.ExperimentConfig;
import dev.transfusion.core.runtime.TrainedModel;
import dev.transfusion.eval.EvalReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ablate --grid FILE|NAME [--out DIR]}: trains and evaluates every combination of the grid's axes with the
 * same seed, data and budget, then writes {@code ablation.md} (a table), {@code ablation.json} and
 * {@code ablation.png} (a bar chart). Finished runs are reused, so an interrupted ablation continues.
 */
@Command(name = "ablate", mixinStandardHelpOptions = true, description = "Run an ablation grid.")
final class AblateCommand implements Callable<Integer> {
    @Option(names = "--grid", required = true, description = "Grid file, or a bundled name (attention-encoder).")
    String grid;

    @Option(names = "--out", description = "Output folder (default runs/ablate-<grid name>).")
    Path out;

    @Option(names = "--verbose", description = "Show stack traces on errors.")
    boolean verbose;

    @Override
    public Integer call() throws Exception {
        AblationGrid g = AblationGrid.load(grid);
        Path dir = out != null ? out : Path.of("runs", "ablate-" + Path.of(grid).getFileName().toString()
                .replaceAll("\\.ya?ml$", ""));
        Files.createDirectories(dir);
        List<Map<String, AxisValue>> runs = g.runs();
        // Validate every combination before training anything.
        List<ExperimentConfig> configs = new ArrayList<>();
        for (Map<String, AxisValue> run : runs) {
            configs.add(Common.loadConfig(g.base(), g.overridesFor(run)));
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < runs.size(); i++) {
            Map<String, String> labels = AblationGrid.labels(runs.get(i));
            String name = runName(labels);
            Path runDir = dir.resolve(String.format("%02d-%s", i, name));
            System.out.printf("== run %d/%d: %s%n", i + 1, runs.size(), labels);
            ExperimentConfig cfg = configs.get(i);
            var latest = new CheckpointStore(runDir).latest();
            long done = latest.isPresent() ? CheckpointStore.read(latest.get()).step() : 0;
            if (done < cfg.train().steps()) {
                TrainCommand.run(cfg, runDir, latest.isPresent());
            }
            try (TrainedModel m = TrainedModel.load(runDir, List.of())) {
                EvalReport r = EvalCommand.evaluate(m, runDir.resolve("eval"), g.evalText(), g.evalImages(),
                        g.evalCaptions(), g.evalSteps(), null, 0);
                System.out.println(ReportSummary.oneLine(r));
                Map<String, Object> row = new LinkedHashMap<>(labels);
                row.putAll(AblationTable.metrics(r));
                row.put("params", m.params().count());
                rows.add(row);
            }
        }
        String md = AblationTable.markdown(g, rows);
        AtomicFiles.writeString(dir.resolve("ablation.md"), md);
        AtomicFiles.writeString(dir.resolve("ablation.json"), new ObjectMapper()
                .enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(rows));
        AblationTable.chart(g, rows, dir.resolve("ablation.png"));
        System.out.println();
        System.out.println(md);
        System.out.println("table: " + dir.resolve("ablation.md").toAbsolutePath());
        System.out.println("chart: " + dir.resolve("ablation.png").toAbsolutePath());
        return 0;
    }

    static String runName(Map<String, String> run) {
        List<String> parts = new ArrayList<>();
        run.forEach((k, v) -> parts.add(k.substring(k.lastIndexOf('.') + 1).equals("type")
                ? k.substring(0, k.lastIndexOf('.')).replace('.', '_') + "-" + v : k.replace('.', '_') + "-" + v));
        return String.join("_", parts).replaceAll("[^A-Za-z0-9_.-]", "");
    }
}
