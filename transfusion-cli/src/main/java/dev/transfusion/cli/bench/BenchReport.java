package dev.transfusion.cli.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Objects;

/**
 * One bench run: the settings, how busy the machine was (load averages at start and end, cores), every backend's
 * results, and each later backend's ratios to the first (e.g. {@code tf/djl}). Renders as JSON; the table is
 * {@link BenchTable}.
 */
record BenchReport(BenchSettings settings, boolean quick, int cores, double[] loadAverageStart, double[] loadAverageEnd,
                   List<BackendResult> backends) {
    private static final ObjectMapper JSON = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(SerializationFeature.INDENT_OUTPUT);

    BenchReport {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(loadAverageStart, "loadAverageStart");
        Objects.requireNonNull(loadAverageEnd, "loadAverageEnd");
        backends = List.copyOf(backends);
        if (backends.isEmpty()) {
            throw new IllegalArgumentException("a bench report needs at least one backend");
        }
    }

    /** The ratios {@code other / first} for one later backend. */
    record Ratios(String name, double trainTokensPerSecond, double mfu, double matmulGflops,
                  double cachedDecodeTokensPerSecond, double uncachedDecodeTokensPerSecond, double imagesPerSecond) {
    }

    /** Each backend after the first against the first: higher means the later one is faster. */
    List<Ratios> ratios() {
        BackendResult base = backends.get(0);
        return backends.stream().skip(1).map(b -> new Ratios(b.backend() + "/" + base.backend(),
                b.train().tokensPerSecond() / base.train().tokensPerSecond(),
                b.train().mfu() / base.train().mfu(),
                b.matmul().gflops() / base.matmul().gflops(),
                b.decode().cachedTokensPerSecond() / base.decode().cachedTokensPerSecond(),
                b.decode().uncachedTokensPerSecond() / base.decode().uncachedTokensPerSecond(),
                base.image().secondsPerImage() / b.image().secondsPerImage())).toList();
    }

    /** The report as a JSON tree (snake_case keys). */
    JsonNode toJson() {
        ObjectNode root = JSON.createObjectNode();
        root.put("formula", ModelFlops.FORMULA);
        root.put("quick", quick);
        root.put("cores", cores);
        root.set("load_average_start", load(loadAverageStart));
        root.set("load_average_end", load(loadAverageEnd));
        ModelFlops f = backends.get(0).flops();
        ObjectNode model = root.putObject("model");
        model.put("dim", settings.dim());
        model.put("layers", settings.layers());
        model.put("heads", settings.heads());
        model.put("seq_len", settings.seqLen());
        model.put("batch", settings.batch());
        model.put("image_size", settings.imageSize());
        model.put("patch", settings.patch());
        model.put("params_total", f.totalParams());
        model.put("params_non_embedding", f.nonEmbeddingParams());
        model.put("flops_per_token", f.flopsPerToken());
        model.put("parameter_flops_per_token", f.parameterFlopsPerToken());
        model.put("attention_flops_per_token", f.attentionFlopsPerToken());
        var list = root.putArray("backends");
        for (BackendResult b : backends) {
            ObjectNode n = list.addObject();
            n.put("backend", b.backend());
            n.put("device", b.device());
            n.put("threads", b.threads());
            n.set("matmul", JSON.valueToTree(b.matmul()));
            n.set("train", JSON.valueToTree(b.train()));
            n.set("decode", JSON.valueToTree(b.decode()));
            n.set("image", JSON.valueToTree(b.image()));
            n.put("peak_resident_mib", b.peakResidentMib());
            n.put("bench_seconds", b.benchSeconds());
        }
        ObjectNode ratios = root.putObject("ratios");
        for (Ratios r : ratios()) {
            ObjectNode n = JSON.valueToTree(r);
            n.remove("name");
            ratios.set(r.name(), n);
        }
        return root;
    }

    /** The report as indented JSON text. */
    String toJsonText() {
        try {
            return JSON.writeValueAsString(toJson()) + System.lineSeparator();
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot render the bench report as JSON: " + e.getMessage(), e);
        }
    }

    private static ObjectNode load(double[] avg) {
        ObjectNode n = JSON.createObjectNode();
        n.put("1m", avg[0]);
        n.put("5m", avg[1]);
        n.put("15m", avg[2]);
        return n;
    }
}
