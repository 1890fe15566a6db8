package dev.transfusion.core.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The metrics log survives a crash mid-line and a rolled-back run without losing or duplicating a step. */
class MetricsLogTest {
    @TempDir
    Path tmp;

    private static Map<String, Object> record(long step, double loss) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("step", step);
        m.put("loss", loss);
        return m;
    }

    private static List<Long> steps(List<Map<String, Object>> records) {
        return records.stream().map(r -> ((Number) r.get("step")).longValue()).toList();
    }

    @Test
    void resumingCutsTheRolledBackStepsAndDropsATornLastLine() throws Exception {
        Path file = tmp.resolve("metrics.jsonl");
        try (MetricsLog log = new MetricsLog(file)) {
            for (long s = 1; s <= 5; s++) {
                log.write(record(s, 1.0 / s));
            }
        }
        Files.writeString(file, Files.readString(file) + "{\"step\":6,\"lo");
        List<String> warnings = new ArrayList<>();
        try (MetricsLog log = MetricsLog.resume(file, 3, warnings::add)) {
            log.write(record(4, 0.5));
        }
        assertThat(steps(MetricsLog.read(file, w -> { }))).containsExactly(1L, 2L, 3L, 4L);
        assertThat(warnings).hasSize(2);
        assertThat(warnings.get(0)).startsWith(file + ": line 6: dropped a torn last line");
        assertThat(warnings.get(1)).isEqualTo(file + ": removed 2 record(s) after step 3, the checkpoint this run "
                + "resumes from");
    }

    @Test
    void readingSkipsATornLastLineWithAWarningAndKeepsNaNLosses() throws Exception {
        Path file = tmp.resolve("metrics.jsonl");
        try (MetricsLog log = new MetricsLog(file)) {
            log.write(record(1, Double.NaN));
        }
        Files.writeString(file, Files.readString(file) + "null\n\n");
        List<String> warnings = new ArrayList<>();
        List<Map<String, Object>> records = MetricsLog.read(file, warnings::add);
        assertThat(steps(records)).containsExactly(1L);
        assertThat(records.get(0).get("loss")).isEqualTo("NaN"); // Jackson writes non-finite numbers as strings
        assertThat(warnings).singleElement().asString().startsWith(file + ": line 2: dropped a torn last line");
    }

    @Test
    void aBadLineBeforeTheLastIsAnErrorNamingItsLine() throws Exception {
        Path file = tmp.resolve("metrics.jsonl");
        Files.writeString(file, "{\"step\":1}\n{\"step\":2,\"lo\n{\"step\":3}\n");
        assertThatThrownBy(() -> MetricsLog.read(file, w -> { })).hasMessageStartingWith(file + ": line 2: not valid "
                + "JSON").hasMessageContaining("only the last line can be torn");
        Files.writeString(file, "{\"step\":1}\n{\"loss\":2}\n{\"step\":3}\n");
        assertThatThrownBy(() -> MetricsLog.read(file, w -> { })).hasMessageStartingWith(file + ": line 2: expected "
                + "a JSON object with a numeric \"step\"");
    }

    @Test
    void resumingALogWithNothingToCutLeavesItsBytesAlone() throws Exception {
        Path file = tmp.resolve("metrics.jsonl");
        try (MetricsLog log = new MetricsLog(file)) {
            log.write(record(1, 2.0));
            log.write(record(2, 1.5));
        }
        String before = Files.readString(file);
        List<String> warnings = new ArrayList<>();
        MetricsLog.resume(file, 2, warnings::add).close();
        assertThat(Files.readString(file)).isEqualTo(before);
        assertThat(warnings).isEmpty();
    }
}
