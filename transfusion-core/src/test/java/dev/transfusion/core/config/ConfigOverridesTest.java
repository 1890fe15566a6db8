package dev.transfusion.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.transfusion.plugin.ComponentSpec;
import dev.transfusion.plugin.ConfigException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code key.path=value} overrides. */
class ConfigOverridesTest {
    private static final String BASE = """
            model: { dim: 64, heads: 8 }
            image:
              encoder: { type: linear, patch: 2 }
            train: { steps: 100 }
            """;

    private static ExperimentConfig parse(String yaml, String... overrides) {
        return ConfigLoader.parse(yaml, "exp.yaml", List.of(overrides));
    }

    @Test
    void scalarsSectionsAndComponentParams() {
        ExperimentConfig c = parse(BASE, "train.steps=10", "model.heads=4", "image.encoder.type=unet",
                "image.encoder.channels=[32,64]", "seed=7");
        assertThat(c.train().steps()).isEqualTo(10);
        assertThat(c.model().heads()).isEqualTo(4);
        assertThat(c.model().dim()).isEqualTo(64);
        assertThat(c.seed()).isEqualTo(7L);
        assertThat(c.image().encoder()).isEqualTo(ComponentSpec.of("image.encoder", "unet",
                Map.of("patch", 2, "channels", List.of(32, 64))));
    }

    @Test
    void laterOverridesWin() {
        assertThat(parse(BASE, "train.steps=10", "train.steps=20").train().steps()).isEqualTo(20);
    }

    @Test
    void overridesIntoAbsentSectionsStartFromTheDefaults() {
        ExperimentConfig c = parse("", "diffusion.schedule.timesteps=10", "train.lr=1e-3", "data.text.type=wiki");
        assertThat(c.diffusion().schedule()).isEqualTo(ComponentSpec.of("diffusion.schedule", "cosine",
                Map.of("timesteps", 10)));
        assertThat(c.train().lr()).isEqualTo(1e-3);
        assertThat(c.train().steps()).isEqualTo(2000);
        assertThat(c.data().text()).isEqualTo(ComponentSpec.of("data.text", "wiki", Map.of()));
    }

    @Test
    void wholeComponentsAndShorthands() {
        ExperimentConfig c = parse("attention: causal\n", "attention.window=16",
                "image.codec={type: vae, checkpoint: runs/vae}", "sampler.opts.deep=1");
        assertThat(c.attention()).isEqualTo(ComponentSpec.of("attention", "causal", Map.of("window", 16)));
        assertThat(c.image().codec()).isEqualTo(ComponentSpec.of("image.codec", "vae", Map.of("checkpoint", "runs/vae")));
        assertThat(c.sampler().params()).containsEntry("opts", Map.of("deep", 1)).containsEntry("steps", 250);
    }

    @Test
    void unknownPathNamesItAndTheKnownKeys() {
        assertThatThrownBy(() -> parse(BASE, "train.stepz=10")).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("exp.yaml: override 'train.stepz=10': unknown key 'train.stepz'; known keys "
                        + "of train: [steps, batch, seq_len,");
        assertThatThrownBy(() -> parse(BASE, "modle.dim=4"))
                .hasMessageStartingWith("exp.yaml: override 'modle.dim=4': unknown key 'modle'; known keys: [seed, "
                        + "backend, model,");
        assertThatThrownBy(() -> parse(BASE, "train.steps.max=4"))
                .hasMessage("exp.yaml: override 'train.steps.max=4': 'train.steps' is a single value, it has no keys "
                        + "below it");
    }

    @Test
    void badValuesNameTheOverride() {
        assertThatThrownBy(() -> parse(BASE, "train.steps=many")).hasMessage(
                "exp.yaml: train.steps (override 'train.steps=many'): expected an integer, got 'many' (a string)");
        assertThatThrownBy(() -> parse(BASE, "model.heads=3"))
                .hasMessage("exp.yaml: model.heads (override 'model.heads=3'): heads (3) must divide dim (64)");
        assertThatThrownBy(() -> parse(BASE, "train.steps")).hasMessage(
                "exp.yaml: override 'train.steps' must look like key.path=value");
        assertThatThrownBy(() -> parse(BASE, "train..steps=1")).hasMessageContaining("empty key");
        // an empty value used to reset the key to its default silently (model.dim= gave dim 256)
        assertThatThrownBy(() -> parse(BASE, "model.dim=")).isInstanceOf(ConfigException.class).hasMessage(
                "exp.yaml: override 'model.dim=' has no value after '='; expected model.dim=VALUE (write "
                        + "model.dim=null to reset it to its default)");
        assertThatThrownBy(() -> parse(BASE, "image.encoder=  ")).hasMessageContaining("has no value after '='");
    }
}
