package dev.transfusion.eval;

import dev.transfusion.core.config.ExperimentConfig;
import dev.transfusion.diffusion.Sampler;
import dev.transfusion.plugin.ComponentSpec;
import java.util.LinkedHashMap;
import java.util.Map;

/** The few config facts a report needs to tell runs apart (architecture, diffusion, sampler as used, data). */
final class ConfigSummary {
    private ConfigSummary() {
    }

    /** The summary, with the sampler's steps and CFG as actually used. */
    static Map<String, Object> of(ExperimentConfig c, Sampler sampler, double cfg, long step) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("checkpoint_step", step);
        m.put("seed", c.seed());
        m.put("backend", c.backend().type() == null ? "default" : c.backend().type());
        m.put("model", "dim " + c.model().dim() + ", layers " + c.model().layers() + ", heads " + c.model().heads());
        m.put("tokenizer", spec(c.tokenizer()));
        m.put("image", c.image().channels() + "x" + c.image().size() + "x" + c.image().size());
        m.put("codec", spec(c.image().codec()));
        m.put("encoder", spec(c.image().encoder()));
        m.put("attention", spec(c.attention()));
        m.put("schedule", spec(c.diffusion().schedule()));
        m.put("objective", spec(c.diffusion().objective()));
        m.put("sampler", sampler.name() + ", steps " + sampler.timesteps().length + ", cfg " + cfg);
        m.put("dataset", spec(c.data().dataset()));
        m.put("text_dataset", c.data().text() == null ? "none" : spec(c.data().text()));
        m.put("train_steps", c.train().steps());
        return m;
    }

    private static String spec(ComponentSpec s) {
        return s.params().isEmpty() ? s.type() : s.type() + " " + s.params();
    }
}
