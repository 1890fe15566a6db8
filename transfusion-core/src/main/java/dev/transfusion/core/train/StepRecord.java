package dev.transfusion.core.train;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * What one training step did, as logged to metrics.jsonl. {@code metrics} holds every scalar output of the loss
 * program: a Transfusion run's {@code lm_loss} and {@code diffusion_loss} (also as fields, NaN when absent), a VAE's
 * {@code rec} and {@code kl}.
 */
public record StepRecord(long step, double loss, double lmLoss, double diffusionLoss, double lr, double gradNorm,
                         double tokensPerSecond, boolean skipped, long skippedTotal, long droppedTotal,
                         Map<String, Double> metrics) {
    private static final Set<String> NAMED = Set.of("loss", "lm_loss", "diffusion_loss");

    public StepRecord {
        metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
    }

    /**
     * The record as a JSON-ready map: {@code lm_loss} and {@code diffusion_loss} when the program has them, then any
     * other metric by its name.
     */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("step", step);
        m.put("loss", loss);
        if (metrics.containsKey("lm_loss")) {
            m.put("lm_loss", lmLoss);
        }
        if (metrics.containsKey("diffusion_loss")) {
            m.put("diffusion_loss", diffusionLoss);
        }
        metrics.forEach((k, v) -> {
            if (!NAMED.contains(k)) {
                m.put(k, v);
            }
        });
        m.put("lr", lr);
        m.put("grad_norm", gradNorm);
        m.put("tokens_per_s", tokensPerSecond);
        m.put("skipped", skipped);
        m.put("skipped_total", skippedTotal);
        m.put("dropped_documents_total", droppedTotal);
        return m;
    }
}
