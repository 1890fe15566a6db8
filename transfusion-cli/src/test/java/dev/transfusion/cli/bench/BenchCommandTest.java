package dev.transfusion.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.transfusion.cli.TransfusionCli;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bench --quick} on both backends writes a JSON report whose every figure is present, finite and positive.
 * One intra-op thread keeps it fast on a shared machine (spinning thread pools stall when cores are oversubscribed).
 */
class BenchCommandTest {
    /** Fields that may legitimately be zero: an idle machine's load, the default thread count, a diverged greedy run. */
    static final Set<String> MAY_BE_ZERO = Set.of("load_average_start.1m", "load_average_start.5m",
            "load_average_start.15m", "load_average_end.1m", "load_average_end.5m", "load_average_end.15m",
            "threads", "decode.greedy_tokens_agreeing");

    static final List<String> BACKEND_FIELDS = List.of("matmul.n", "matmul.repeats", "matmul.median_seconds",
            "matmul.best_seconds", "matmul.gflops", "train.warmup_steps", "train.steps", "train.tokens_per_step",
            "train.real_token_fraction", "train.median_step_seconds", "train.tokens_per_second", "train.model_gflops",
            "train.mfu", "train.first_loss", "train.last_loss", "decode.prompt_tokens", "decode.new_tokens",
            "decode.cached_tokens_per_second", "decode.uncached_tokens_per_second", "decode.cache_speedup",
            "image.sampler_steps", "image.cfg", "image.images", "image.seconds_per_image", "peak_resident_mib",
            "bench_seconds");

    @TempDir
    Path dir;

    @Test
    void quickBenchOnBothBackendsReportsEveryFigure() throws Exception {
        Path json = dir.resolve("bench.json");
        int code = TransfusionCli.execute("bench", "--quick", "--backend", "djl,tf", "--threads", "1",
                "--json", json.toString());
        assertThat(code).isZero();

        JsonNode root = new ObjectMapper().readTree(json.toFile());
        assertThat(root.get("formula").asText()).contains("6*N + 12*L*T*d");
        assertThat(root.get("quick").asBoolean()).isTrue();
        for (String f : List.of("dim", "layers", "heads", "seq_len", "batch", "params_total", "params_non_embedding",
                "flops_per_token", "parameter_flops_per_token", "attention_flops_per_token")) {
            assertThat(root.path("model").has(f)).as("model.%s", f).isTrue();
        }
        assertThat(root.get("backends")).hasSize(2);
        assertThat(root.get("backends").get(0).get("backend").asText()).isEqualTo("djl");
        assertThat(root.get("backends").get(1).get("backend").asText()).isEqualTo("tf");
        for (JsonNode b : root.get("backends")) {
            assertThat(b.get("device").asText()).isEqualTo("cpu");
            for (String f : BACKEND_FIELDS) {
                assertThat(at(b, f).isNumber()).as("%s.%s", b.get("backend").asText(), f).isTrue();
            }
            assertThat(at(b, "decode.greedy_tokens_agreeing").asInt()).isBetween(0, at(b, "decode.new_tokens").asInt());
        }
        JsonNode ratios = root.get("ratios").get("tf/djl");
        assertThat(ratios).as("tf/djl ratios").isNotNull();
        assertThat(ratios.has("train_tokens_per_second")).isTrue();

        List<String> bad = new ArrayList<>();
        checkNumbers(root, "", bad);
        assertThat(bad).as("fields that are not finite and positive").isEmpty();
    }

    private static JsonNode at(JsonNode node, String dotted) {
        JsonNode n = node;
        for (String part : dotted.split("\\.")) {
            n = n.path(part);
        }
        return n;
    }

    /** Collects every numeric field (path relative to its backend entry) that is not finite and positive. */
    private static void checkNumbers(JsonNode node, String path, List<String> bad) {
        if (node.isNumber()) {
            double v = node.asDouble();
            String key = path.replaceFirst("^backends\\.\\d+\\.", "");
            boolean ok = Double.isFinite(v) && (v > 0 || (v == 0 && MAY_BE_ZERO.contains(key)));
            if (!ok) {
                bad.add(path + " = " + v);
            }
        } else if (node.isObject()) {
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                checkNumbers(e.getValue(), path.isEmpty() ? e.getKey() : path + "." + e.getKey(), bad);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                checkNumbers(node.get(i), path + "." + i, bad);
            }
        } else if (node.isTextual() && node.asText().equals("NaN")) {
            bad.add(path + " = NaN");
        }
    }
}
