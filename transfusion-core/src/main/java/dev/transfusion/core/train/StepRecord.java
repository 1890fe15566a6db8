package dev.transfusion.core.train;

import java.util.LinkedHashMap;
import java.util.Map;

/** What one training step did, as logged to metrics.jsonl. */
public record StepRecord(long step, double loss, double lmLoss, double diffusionLoss, double lr, double gradNorm,
                         double tokensPerSecond, boolean skipped, long skippedTotal, long droppedTotal) {
    /** The record as a JSON-ready map. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("step", step);
        m.put("loss", loss);
        m.put("lm_loss", lmLoss);
        m.put("diffusion_loss", diffusionLoss);
        m.put("lr", lr);
        m.put("grad_norm", gradNorm);
        m.put("tokens_per_s", tokensPerSecond);
        m.put("skipped", skipped);
        m.put("skipped_total", skippedTotal);
        m.put("dropped_documents_total", droppedTotal);
        return m;
    }
}
