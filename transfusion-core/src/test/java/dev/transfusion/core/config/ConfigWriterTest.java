package dev.transfusion.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The resolved config written as YAML reads back as an equal record. */
class ConfigWriterTest {
    @Test
    void defaultsRoundTrip() {
        ExperimentConfig d = ExperimentConfig.defaults();
        String yaml = ConfigWriter.toYaml(d);
        assertThat(yaml).contains("loss_weight: 5.0").contains("max_nonfinite: 20").contains("text: null");
        assertThat(ConfigLoader.parse(yaml, "resolved.yaml", List.of())).isEqualTo(d);
    }

    @Test
    void everythingNonDefaultRoundTrips() {
        ExperimentConfig c = ConfigLoader.parse("""
                seed: 12345678901
                backend: { type: tf, device: gpu:0, threads: 3 }
                model: { dim: 48, layers: 1, heads: 2, mlp_hidden: 7, norm_eps: 1.0e-6, rope_theta: 1.0e10,
                         tie_embeddings: true }
                tokenizer: { type: hf, file: "123", mode: "yes", flag: true, nothing: null, ratio: 1.0e-12 }
                image: { size: 8, channels: 1, codec: { type: vae, nested: { a: [1, 2.5, x] } },
                         encoder: { type: unet, patch: 4, channels: [32, 64] } }
                attention: causal
                diffusion: { schedule: { type: linear }, objective: { type: v }, loss_weight: 0.5,
                             noise_limit: { max_t: 7, probability: 0.0 } }
                sampler: { type: ddim, steps: 3 }
                data: { dataset: { type: folder, path: "data/x y" }, text: { type: lines }, caption_first: 1,
                        text_only: 0.5, caption_dropout: 0.0 }
                train: { steps: 3, batch: 1, seq_len: 9, lr: 1.0, warmup: 0, min_lr: 1.0, weight_decay: 0.0,
                         beta1: 0.0, beta2: 0.5, eps: 2.0, clip_norm: 0.0, log_every: 1, checkpoint_every: 0,
                         keep_checkpoints: 9, max_nonfinite: 0, ema: 0.5 }
                """, "in.yaml", List.of());
        String yaml = ConfigWriter.toYaml(c);
        assertThat(ConfigLoader.parse(yaml, "out.yaml", List.of())).isEqualTo(c);
        assertThat(ConfigLoader.parse(yaml, "out.yaml", List.of()).tokenizer().params().get("file")).isEqualTo("123");
    }

    @Test
    void writeIsAtomicAndReadable(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("run/config.yaml");
        ExperimentConfig c = ConfigLoader.parse("train: {steps: 5}", "x", List.of());
        ConfigWriter.write(c, f);
        ConfigWriter.write(c, f);
        assertThat(ConfigLoader.load(f)).isEqualTo(c);
        try (var files = Files.list(f.getParent())) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("config.yaml");
        }
    }
}
