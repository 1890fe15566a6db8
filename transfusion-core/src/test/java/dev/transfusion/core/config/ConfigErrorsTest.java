package dev.transfusion.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.transfusion.plugin.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every kind of config error names the file, the key's path, its line and what was expected. */
class ConfigErrorsTest {
    private static String error(String yaml) {
        Throwable t = catchThrowable(() -> ConfigLoader.parse(yaml, "exp.yaml", List.of()));
        assertThat(t).isInstanceOf(ConfigException.class);
        assertThat(t.getMessage()).startsWith("exp.yaml: ");
        return t.getMessage();
    }

    @Test
    void unknownTopLevelKeyListsTheSections() {
        assertThat(error("seed: 1\nmodle: {dim: 4}\n")).isEqualTo("exp.yaml: modle (line 2): unknown key; known keys: "
                + "[seed, backend, model, tokenizer, image, attention, diffusion, sampler, data, train]");
    }

    @Test
    void unknownNestedKeyNamesItsFullPathLineAndSiblings() {
        String m = error("""
                train:
                  steps: 10
                  learning_rate: 0.1
                """);
        assertThat(m).startsWith("exp.yaml: train.learning_rate (line 3): unknown key; known keys of train: [steps, "
                + "batch, seq_len, lr, warmup,");
        assertThat(m).contains("max_nonfinite, ema]");
        assertThat(error("diffusion:\n  noise_limit: {max_t: 5, prob: 1}\n"))
                .isEqualTo("exp.yaml: diffusion.noise_limit.prob (line 2): unknown key; known keys of "
                        + "diffusion.noise_limit: [max_t, probability]");
    }

    @Test
    void wrongTypesNameTheExpectedTypeAndTheValue() {
        assertThat(error("train:\n  steps: ten\n"))
                .isEqualTo("exp.yaml: train.steps (line 2): expected an integer, got 'ten' (a string)");
        assertThat(error("train:\n  steps: 2.5\n"))
                .isEqualTo("exp.yaml: train.steps (line 2): expected an integer, got 2.5 (a number)");
        assertThat(error("model: {tie_embeddings: 1}"))
                .isEqualTo("exp.yaml: model.tie_embeddings (line 1): expected true or false, got 1 (an integer)");
        assertThat(error("train: {lr: fast}"))
                .isEqualTo("exp.yaml: train.lr (line 1): expected a number, got 'fast' (a string)");
        assertThat(error("model: [1, 2]")).startsWith("exp.yaml: model (line 1): expected a section with keys [dim, "
                + "layers, heads,").endsWith("got a list");
        assertThat(error("model: {dim: 99999999999}"))
                .isEqualTo("exp.yaml: model.dim (line 1): expected an integer that fits in int, got 99999999999");
        assertThat(error("image: {encoder: [linear]}")).isEqualTo("exp.yaml: image.encoder (line 1): expected a "
                + "component {type: name, ...params} or a type name, got a list");
    }

    @Test
    void outOfRangeValuesNameTheKeyAndLine() {
        assertThat(error("model:\n  dim: 0\n"))
                .isEqualTo("exp.yaml: model.dim (line 2): expected an integer > 0, got 0");
        assertThat(error("model:\n  dim: 100\n  heads: 3\n"))
                .isEqualTo("exp.yaml: model.heads (line 3): heads (3) must divide dim (100)");
        assertThat(error("data:\n  caption_first: 1.5\n"))
                .isEqualTo("exp.yaml: data.caption_first (line 2): expected a probability in [0, 1], got 1.5");
        assertThat(error("diffusion:\n  noise_limit:\n    probability: -0.1\n"))
                .isEqualTo("exp.yaml: diffusion.noise_limit.probability (line 3): expected a probability in [0, 1], "
                        + "got -0.1");
        assertThat(error("diffusion:\n  input_blur: {probability: 0.5, min_sigma: 2, max_sigma: 1}\n"))
                .isEqualTo("exp.yaml: diffusion.input_blur.max_sigma (line 2): max_sigma (1.0) must not be below "
                        + "min_sigma (2.0)");
        assertThat(error("train: {seq_len: 4}"))
                .isEqualTo("exp.yaml: train.seq_len (line 1): expected an integer >= 8, got 4");
        assertThat(error("train: {ema: 1.0}"))
                .isEqualTo("exp.yaml: train.ema (line 1): ema must be 0 (off) or a decay in (0, 1) such as 0.999, "
                        + "got 1.0");
        assertThat(error("backend: {device: tpu}"))
                .isEqualTo("exp.yaml: backend.device (line 1): expected cpu, gpu or gpu:N, got 'tpu'");
        assertThat(error("model: {patch_positions: 2d}"))
                .isEqualTo("exp.yaml: model.patch_positions (line 1): expected raster or grid, got '2d'");
    }

    @Test
    void crossFieldChecks() {
        assertThat(error("train:\n  lr: 1.0e-4\n  min_lr: 1.0e-3\n"))
                .isEqualTo("exp.yaml: train.min_lr (line 3): min_lr (0.001) must not exceed lr (1.0E-4)");
        // warm-up longer than the run is allowed
        assertThat(ConfigLoader.parse("train: {steps: 10, warmup: 100}", "x", List.of()).train().warmup())
                .isEqualTo(100);
        // heads not given: the check is reported at the key, pointing at the section
        assertThat(error("model:\n  dim: 12\n")).isEqualTo("exp.yaml: model.heads (line 1): heads (8) must divide "
                + "dim (12)");
    }

    @Test
    void componentWithoutTypeIsAnError() {
        assertThat(error("image:\n  encoder:\n    patch: 4\n")).isEqualTo("exp.yaml: image.encoder (line 2): missing "
                + "'type' (a component is {type: name, ...params}); keys given: [patch]");
        assertThat(error("sampler: {type: 3}"))
                .isEqualTo("exp.yaml: sampler.type (line 1): expected a component name, got 3 (an integer)");
    }

    @Test
    void syntaxErrorsAndDuplicatesNameTheLine() {
        assertThat(error("model:\n  dim: 4\n  dim: 8\n"))
                .isEqualTo("exp.yaml: model.dim (line 3): duplicate key (first on line 2)");
        assertThat(error("model: {dim: 4\ntrain: 3\n")).startsWith("exp.yaml: line ").contains("invalid YAML");
        assertThat(error("- a\n- b\n")).startsWith("exp.yaml: the top level must be a mapping");
    }

    @Test
    void unreadableFilesAreNamed(@TempDir Path dir) throws Exception {
        Path missing = dir.resolve("nope.yaml");
        assertThatThrownBy(() -> ConfigLoader.load(missing, List.of())).isInstanceOf(ConfigException.class)
                .hasMessage(missing + ": cannot read config: no such file");
        assertThatThrownBy(() -> ConfigLoader.load(dir, List.of())).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(dir + ": cannot read config");
        Path binary = dir.resolve("bin.yaml");
        Files.write(binary, new byte[] {(byte) 0x89, 'P', 'N', 'G', (byte) 0xff, 0});
        assertThatThrownBy(() -> ConfigLoader.load(binary, List.of())).isInstanceOf(ConfigException.class)
                .hasMessage(binary + ": cannot read config: not UTF-8 text");
    }

    @Test
    void anEmptyConfigFileIsAnErrorNotEveryDefault(@TempDir Path dir) throws Exception {
        Path empty = dir.resolve("empty.yaml");
        Files.writeString(empty, "");
        assertThatThrownBy(() -> ConfigLoader.load(empty)).isInstanceOf(ConfigException.class)
                .hasMessage(empty + ": the config file is empty; expected a mapping of sections (seed, model, train, "
                        + "...); write {} to train with every default");
        Files.writeString(empty, "# only a comment\n\n");
        assertThatThrownBy(() -> ConfigLoader.load(empty)).hasMessageStartingWith(empty + ": the config file is empty");
        Files.writeString(empty, "{}\n");
        assertThat(ConfigLoader.load(empty)).isEqualTo(ExperimentConfig.defaults());
    }

    @Test
    void errorsFromAFileStartWithItsName(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("bad.yaml");
        Files.writeString(f, "train:\n  steps: -1\n");
        assertThatThrownBy(() -> ConfigLoader.load(f, List.of()))
                .hasMessage(f + ": train.steps (line 2): expected an integer > 0, got -1");
    }

    @Test
    void recordsValidateProgrammaticConstructionToo() {
        assertThatThrownBy(() -> new NoiseLimitConfig(0, 0.5)).isInstanceOf(InvalidValueException.class)
                .hasMessage("max_t: expected an integer > 0, got 0");
    }
}
