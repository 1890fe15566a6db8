package dev.transfusion.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import dev.transfusion.plugin.ComponentSpec;
import dev.transfusion.plugin.ConfigException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each section's YAML mapping and defaults (Trino-style config mapping tests). */
class ConfigMappingTest {
    /** The schema's documented YAML, every value at its default. */
    static final String DOCUMENTED = """
            seed: 1234
            backend: { type: null, device: cpu, threads: 0 }
            model: { dim: 256, layers: 6, heads: 8, mlp_hidden: 0, norm_eps: 1.0e-5, rope_theta: 10000.0,
                     tie_embeddings: false }
            tokenizer: { type: bytes }
            image:
              size: 32
              channels: 3
              codec: { type: pixels }
              encoder: { type: linear, patch: 2 }
            attention: { type: transfusion }
            diffusion:
              schedule: { type: cosine, timesteps: 1000 }
              objective: { type: epsilon }
              loss_weight: 5.0
              noise_limit: { max_t: 500, probability: 0.8 }
            sampler: { type: ddpm, steps: 250, cfg: 3.0 }
            data:
              dataset: { type: shapes, image_size: 32 }
              text: null
              caption_first: 0.8
              text_only: 0.0
              caption_dropout: 0.1
            train: { steps: 2000, batch: 32, seq_len: 128, lr: 3.0e-4, warmup: 200, min_lr: 1.5e-5,
                     weight_decay: 0.1, beta1: 0.9, beta2: 0.95, eps: 1.0e-8, clip_norm: 1.0,
                     log_every: 10, checkpoint_every: 500, keep_checkpoints: 3, max_nonfinite: 20 }
            """;

    private static ExperimentConfig parse(String yaml) {
        return ConfigLoader.parse(yaml, "test.yaml", List.of());
    }

    @Test
    void emptyFileIsTheDefaults() {
        assertThat(parse("")).isEqualTo(ExperimentConfig.defaults());
        assertThat(parse("# nothing but a comment\n")).isEqualTo(ExperimentConfig.defaults());
    }

    @Test
    void documentedDefaultsMatchTheRecords() {
        assertThat(parse(DOCUMENTED)).isEqualTo(ExperimentConfig.defaults());
    }

    @Test
    void defaultValuesAreThePapers() {
        ExperimentConfig d = ExperimentConfig.defaults();
        assertThat(d.seed()).isEqualTo(1234L);
        assertThat(d.diffusion().lossWeight()).isEqualTo(5.0);
        assertThat(d.diffusion().noiseLimit()).isEqualTo(new NoiseLimitConfig(500, 0.8));
        assertThat(d.diffusion().schedule()).isEqualTo(ComponentSpec.of("diffusion.schedule", "cosine",
                Map.of("timesteps", 1000)));
        assertThat(d.train().adamW()).isEqualTo(new dev.transfusion.backend.AdamW(0.9, 0.95, 1e-8, 0.1, 1.0));
        assertThat(d.data().text()).isNull();
        assertThat(d.backend().type()).isNull();
    }

    @Test
    void backendMapping() {
        BackendConfig b = parse("backend: {type: tf, device: 'gpu:1', threads: 4}").backend();
        assertThat(b).isEqualTo(new BackendConfig("tf", "gpu:1", 4));
        assertThat(b.parsedDevice().index()).isEqualTo(1);
        assertThat(b.spec("tf").params()).containsExactly(entry("device", "gpu:1"), entry("threads", 4));
        assertThat(parse("backend: {threads: 2}").backend()).isEqualTo(new BackendConfig(null, "cpu", 2));
    }

    @Test
    void modelMapping() {
        ModelConfig m = parse("""
                model:
                  dim: 64
                  layers: 2
                  heads: 4
                  mlp_hidden: 100
                  norm_eps: 1.0e-6
                  rope_theta: 500.0
                  tie_embeddings: true
                """).model();
        assertThat(m).isEqualTo(new ModelConfig(64, 2, 4, 100, 1e-6, 500.0, true, "raster"));
        assertThat(m.headDim()).isEqualTo(16);
        assertThat(m.effectiveMlpHidden()).isEqualTo(100);
    }

    @Test
    void removedKeysLoadAtTheirNoOpValueAndOtherwiseSayTheyAreGone() {
        // Every config.yaml written before the removal lists both keys at 0: such run folders keep loading.
        assertThat(parse("model: { dim: 64, heads: 4, dropout: 0.0, time_embed_dim: 0 }").model().dim()).isEqualTo(64);
        assertThatThrownBy(() -> parse("model:\n  dim: 64\n  dropout: 0.1\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("model.dropout (line 3)")
                .hasMessageContaining("removed because it had no effect");
        assertThatThrownBy(() -> parse("model: { time_embed_dim: 32 }"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("model.time_embed_dim")
                .hasMessageContaining("delete it");
    }

    @Test
    void modelAutomaticWidths() {
        ModelConfig m = parse("model: {dim: 96, heads: 4}").model();
        assertThat(m.layers()).isEqualTo(6);
        // 8·96/3 = 256, already a multiple of 8
        assertThat(m.effectiveMlpHidden()).isEqualTo(256);
        // 8·100/3 = 266.7 → 267 → next multiple of 8 is 272
        assertThat(new ModelConfig(100, 1, 2, 0, 1e-5, 1e4, false, "raster").effectiveMlpHidden()).isEqualTo(272);
    }

    @Test
    void imageMapping() {
        ImageConfig i = parse("""
                image:
                  size: 64
                  channels: 1
                  codec: { type: vae, checkpoint: runs/vae }
                  encoder: { type: unet, patch: 4, channels: [32, 64] }
                """).image();
        assertThat(i.size()).isEqualTo(64);
        assertThat(i.channels()).isEqualTo(1);
        assertThat(i.codec()).isEqualTo(ComponentSpec.of("image.codec", "vae", Map.of("checkpoint", "runs/vae")));
        assertThat(i.encoder().type()).isEqualTo("unet");
        assertThat(i.encoder().getIntList("channels", List.of())).containsExactly(32, 64);
        assertThat(i.encoder().getInt("patch", 0)).isEqualTo(4);
    }

    @Test
    void componentShorthandIsATypeName() {
        ExperimentConfig c = parse("tokenizer: gpt2\nattention: causal\n");
        assertThat(c.tokenizer()).isEqualTo(ComponentSpec.of("tokenizer", "gpt2", Map.of()));
        assertThat(c.attention().type()).isEqualTo("causal");
    }

    @Test
    void componentReplacesTheDefaultComponentWhole() {
        // a new schedule type does not inherit the default's timesteps
        ComponentSpec s = parse("diffusion: {schedule: {type: linear}}").diffusion().schedule();
        assertThat(s).isEqualTo(ComponentSpec.of("diffusion.schedule", "linear", Map.of()));
    }

    @Test
    void componentParamsCarryTheirLines() {
        ComponentSpec s = parse("""
                seed: 1
                diffusion:
                  schedule:
                    type: cosine
                    timesteps: lots
                """).diffusion().schedule();
        assertThat(s.path()).isEqualTo("diffusion.schedule");
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> s.getInt("timesteps", 0)))
                .hasMessage("diffusion.schedule.timesteps (line 5): expected an integer, got 'lots'");
    }

    @Test
    void diffusionMapping() {
        DiffusionConfig d = parse("""
                diffusion:
                  objective: { type: flow }
                  loss_weight: 1
                  noise_limit: { max_t: 250, probability: 1 }
                  timestep_sampling: { type: logit_normal, mean: 0.5 }
                """).diffusion();
        assertThat(d.objective().type()).isEqualTo("flow");
        assertThat(d.timestepSampling().type()).isEqualTo("logit_normal");
        assertThat(d.timestepSampling().params()).isEqualTo(java.util.Map.of("mean", 0.5));
        assertThat(DiffusionConfig.defaults().timestepSampling().type()).isEqualTo("uniform");
        assertThat(d.lossWeight()).isEqualTo(1.0);
        assertThat(d.noiseLimit()).isEqualTo(new NoiseLimitConfig(250, 1.0));
        assertThat(d.schedule()).isEqualTo(DiffusionConfig.defaults().schedule());
    }

    @Test
    void samplerAndDataMapping() {
        ExperimentConfig c = parse("""
                sampler: { type: ddim, steps: 50, eta: 0.0 }
                data:
                  dataset: { type: folder, path: data/imgs }
                  text: { type: textfile, path: corpus.txt }
                  caption_first: 0.5
                  text_only: 0.25
                  caption_dropout: 0
                """);
        assertThat(c.sampler()).isEqualTo(ComponentSpec.of("sampler", "ddim", Map.of("steps", 50, "eta", 0.0)));
        assertThat(c.data()).isEqualTo(new DataConfig(ComponentSpec.of("data.dataset", "folder",
                Map.of("path", "data/imgs")), ComponentSpec.of("data.text", "textfile", Map.of("path", "corpus.txt")),
                0.5, 0.25, 0.0));
    }

    @Test
    void trainMapping() {
        TrainConfig t = parse("""
                train: { steps: 10, batch: 2, seq_len: 8, lr: 1e-3, warmup: 20, min_lr: 0, weight_decay: 0,
                         beta1: 0.8, beta2: 0.99, eps: 1e-6, clip_norm: 0, log_every: 1, checkpoint_every: 0,
                         keep_checkpoints: 1, max_nonfinite: 0, ema: 0.995 }
                """).train();
        assertThat(t).isEqualTo(new TrainConfig(10, 2, 8, 1e-3, 20, 0.0, 0.0, 0.8, 0.99, 1e-6, 0.0, 1, 0, 1, 0, 0.995));
    }

    @Test
    void seedAcceptsLongs() {
        assertThat(parse("seed: 12345678901").seed()).isEqualTo(12345678901L);
    }

    @Test
    void nullMeansTheDefault() {
        assertThat(parse("model:\ntrain: {steps: null}\n")).isEqualTo(ExperimentConfig.defaults());
    }
}
