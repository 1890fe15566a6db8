package dev.transfusion.core.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.transfusion.io.CheckpointException;
import dev.transfusion.tensor.HostTensor;
import dev.transfusion.tensor.Shape;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Saving, finding, pruning and loading checkpoints. */
class CheckpointStoreTest {
    @TempDir
    Path run;

    private static Checkpoint checkpoint(long step) {
        Map<String, HostTensor> params = new LinkedHashMap<>();
        params.put("tok_embeddings.weight", HostTensor.floats(Shape.of(3, 2), new float[] {1, 2, 3, 4, 5, step}));
        params.put("norm.weight", HostTensor.floats(Shape.of(2), new float[] {0.5f, -0.5f}));
        Map<String, HostTensor> opt = new LinkedHashMap<>();
        opt.put("m.tok_embeddings.weight", HostTensor.zeros(Shape.of(3, 2)));
        opt.put("t", HostTensor.ints(Shape.scalar(), new int[] {(int) step}));
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("rng", List.of(123456789012345L, -7L));
        state.put("data", Map.of("epoch", 2L, "cursor", 17L, "name", "shapes"));
        state.put("loss_ema", 0.25);
        return new Checkpoint(step, params, opt, state, "seed: 1\ntrain:\n  steps: " + step + "\n");
    }

    @Test
    void saveLoadRoundTrip() throws Exception {
        CheckpointStore store = new CheckpointStore(run);
        Path saved = store.save(checkpoint(1000));
        assertThat(saved).isEqualTo(run.resolve("checkpoints/step-00001000"));
        try (var files = Files.list(saved)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("model.safetensors",
                    "optimizer.safetensors", "state.json");
        }
        assertThat(store.load(saved)).isEqualTo(checkpoint(1000));
        assertThat(SafeTensors.readMetadata(saved.resolve("model.safetensors"))).containsEntry("step", "1000")
                .containsEntry("format", "transfusion-1").containsEntry("config", checkpoint(1000).configYaml());
        assertThat(store.loadLatest()).contains(checkpoint(1000));
    }

    @Test
    void movingAverageWeightsRoundTripAndAreWhatInferenceUses() throws Exception {
        CheckpointStore store = new CheckpointStore(run);
        Checkpoint plain = checkpoint(5);
        assertThat(plain.inferenceWeights()).isEqualTo(plain.params());
        Map<String, HostTensor> ema = new LinkedHashMap<>();
        ema.put("tok_embeddings.weight", HostTensor.floats(Shape.of(3, 2), new float[] {9, 8, 7, 6, 5, 4}));
        ema.put("norm.weight", HostTensor.floats(Shape.of(2), new float[] {0.25f, -0.25f}));
        Checkpoint averaged = new Checkpoint(5, plain.params(), plain.optimizer(), ema, plain.state(),
                plain.configYaml());
        Path saved = store.save(averaged);
        assertThat(saved.resolve(CheckpointStore.EMA_FILE)).exists();
        Checkpoint loaded = store.load(saved);
        assertThat(loaded).isEqualTo(averaged);
        assertThat(loaded.inferenceWeights()).isEqualTo(ema);
        // an average that does not match the model's tensors is refused, naming the file
        SafeTensors.write(saved.resolve(CheckpointStore.EMA_FILE), Map.of("norm.weight", ema.get("norm.weight")),
                Map.of("format", CheckpointStore.FORMAT, "step", "5"));
        assertThatThrownBy(() -> store.load(saved)).isInstanceOf(CheckpointException.class)
                .hasMessageStartingWith(saved.resolve(CheckpointStore.EMA_FILE).toString())
                .hasMessageContaining("different tensors");
    }

    @Test
    void latestIsTheHighestStepAndRetentionKeepsTheNewest() throws Exception {
        CheckpointStore store = new CheckpointStore(run, 2);
        assertThat(store.latest()).isEmpty();
        for (long step : new long[] {5, 100, 20, 300}) {
            store.save(checkpoint(step));
        }
        // after saving 300, the newest two by step remain: 100 and 300 (20 was older than 100)
        assertThat(store.list()).extracting(p -> p.getFileName().toString())
                .containsExactly("step-00000100", "step-00000300");
        assertThat(store.latest()).contains(run.resolve("checkpoints/step-00000300"));
        assertThat(CheckpointStore.dirName(123_456_789_012L)).isEqualTo("step-123456789012");
    }

    @Test
    void halfWrittenTempDirectoriesAreIgnored() throws Exception {
        CheckpointStore store = new CheckpointStore(run);
        store.save(checkpoint(10));
        // a crash while writing step 20: its temp directory holds only part of a checkpoint
        Path tmp = run.resolve("checkpoints/.tmp-step-00000020-crashed");
        Files.createDirectories(tmp);
        Files.write(tmp.resolve("model.safetensors"), new byte[] {1, 2, 3});
        // a directory with a step name but missing files is not complete either
        Path partial = run.resolve("checkpoints/step-00000030");
        Files.createDirectories(partial);
        Files.writeString(partial.resolve("state.json"), "{}");
        assertThat(store.latest()).contains(run.resolve("checkpoints/step-00000010"));
        store.save(checkpoint(11));
        assertThat(tmp).doesNotExist();
    }

    @Test
    void savingTheSameStepAgainReplacesIt() throws Exception {
        CheckpointStore store = new CheckpointStore(run);
        store.save(checkpoint(7));
        Checkpoint again = new Checkpoint(7, checkpoint(8).params(), Map.of(), Map.of(), "x: 1\n");
        store.save(again);
        assertThat(store.load(store.latest().orElseThrow())).isEqualTo(again);
        try (var files = Files.list(store.directory())) {
            assertThat(files.count()).isEqualTo(1);
        }
    }

    @Test
    void truncatedModelFileIsAClearErrorNamingIt() throws Exception {
        CheckpointStore store = new CheckpointStore(run);
        Path dir = store.save(checkpoint(1));
        Path model = dir.resolve("model.safetensors");
        byte[] bytes = Files.readAllBytes(model);
        Files.write(model, Arrays.copyOf(bytes, bytes.length - 3));
        assertThatThrownBy(() -> store.load(dir)).isInstanceOf(CheckpointException.class)
                .hasMessageStartingWith(model + ": tensor 'norm.weight': data_offsets")
                .hasMessageContaining("out of range");
    }

    @Test
    void missingAndInconsistentFilesAreNamed() throws Exception {
        CheckpointStore store = new CheckpointStore(run);
        Path dir = store.save(checkpoint(1));
        Files.writeString(dir.resolve("state.json"), "{\"format\":\"transfusion-1\",\"step\":2,\"state\":{}}");
        assertThatThrownBy(() -> store.load(dir)).hasMessage(dir.resolve("model.safetensors")
                + ": metadata step 1 does not match step 2 in state.json");
        Files.writeString(dir.resolve("state.json"), "{not json");
        assertThatThrownBy(() -> store.load(dir)).hasMessageStartingWith(dir.resolve("state.json")
                + ": not a valid JSON object");
        Files.delete(dir.resolve("optimizer.safetensors"));
        assertThatThrownBy(() -> store.load(dir)).isInstanceOf(CheckpointException.class)
                .hasMessage(dir.resolve("optimizer.safetensors") + ": no such file");
        assertThatThrownBy(() -> store.load(run.resolve("nope")))
                .hasMessageContaining("not a checkpoint directory");
    }

    @Test
    void theNewestUsableCheckpointIsChosenAndEveryPassedOverOneIsReportedWithWhy() throws Exception {
        CheckpointStore store = new CheckpointStore(run);
        store.save(checkpoint(10));
        Path twenty = store.save(checkpoint(20));
        assertThat(store.newestUsable(CheckpointStore.Purpose.RESUME).orElseThrow().passedOver()).isEmpty();
        Files.delete(twenty.resolve(CheckpointStore.STATE_FILE));
        // inference does not read state.json: step 20 still serves it
        var forInference = store.newestUsable(CheckpointStore.Purpose.INFERENCE).orElseThrow();
        assertThat(forInference.dir()).isEqualTo(twenty);
        assertThat(forInference.checkpoint().params()).isEqualTo(checkpoint(20).params());
        assertThat(forInference.checkpoint().optimizer()).isEmpty();
        // resuming needs it: step 10 is the newest usable, and why step 20 is not is reported
        var forResume = store.newestUsable(CheckpointStore.Purpose.RESUME).orElseThrow();
        assertThat(forResume.dir()).isEqualTo(run.resolve("checkpoints/step-00000010"));
        assertThat(forResume.passedOver()).containsExactly(twenty.resolve(CheckpointStore.STATE_FILE)
                + ": no such file");
        // nothing usable at all: the newest one's problem, and that the older ones fail too
        Files.delete(run.resolve("checkpoints/step-00000010").resolve(CheckpointStore.OPTIMIZER_FILE));
        assertThatThrownBy(() -> store.newestUsable(CheckpointStore.Purpose.RESUME))
                .isInstanceOf(CheckpointException.class)
                .hasMessage(twenty.resolve(CheckpointStore.STATE_FILE) + ": no such file (and the 1 older checkpoint(s)"
                        + " in " + store.directory() + " are unusable too)");
        assertThat(new CheckpointStore(run.resolve("empty")).newestUsable(CheckpointStore.Purpose.RESUME)).isEmpty();
    }

    @Test
    void inferenceReadsOnlyTheWeightsSoADamagedOptimizerFileDoesNotBlockIt() throws Exception {
        Path dir = new CheckpointStore(run).save(checkpoint(3));
        Files.write(dir.resolve(CheckpointStore.OPTIMIZER_FILE), new byte[] {1, 2, 3});
        Files.writeString(dir.resolve(CheckpointStore.STATE_FILE), "{torn");
        Checkpoint weights = CheckpointStore.readWeights(dir);
        assertThat(weights.step()).isEqualTo(3);
        assertThat(weights.params()).isEqualTo(checkpoint(3).params());
        assertThat(weights.configYaml()).isEqualTo(checkpoint(3).configYaml());
        assertThatThrownBy(() -> CheckpointStore.read(dir)).isInstanceOf(CheckpointException.class)
                .hasMessageStartingWith(dir.resolve(CheckpointStore.OPTIMIZER_FILE) + ": file is 3 bytes");
    }

    @Test
    void nonFiniteWeightsAreAnErrorNamingTheTensor() throws Exception {
        Path dir = new CheckpointStore(run).save(checkpoint(4));
        Path model = dir.resolve(CheckpointStore.MODEL_FILE);
        Map<String, HostTensor> params = new LinkedHashMap<>(checkpoint(4).params());
        params.put("norm.weight", HostTensor.floats(Shape.of(2), new float[] {0.5f, Float.NaN}));
        SafeTensors.write(model, params, SafeTensors.readMetadata(model));
        assertThatThrownBy(() -> CheckpointStore.readWeights(dir)).isInstanceOf(CheckpointException.class)
                .hasMessage(model + ": tensor 'norm.weight' holds a non-finite value (NaN at element 1 of shape [2]);"
                        + " these weights are unusable (saved from a diverged run, or damaged)");
        params.put("norm.weight", HostTensor.floats(Shape.of(2), new float[] {Float.NEGATIVE_INFINITY, 0}));
        SafeTensors.write(model, params, SafeTensors.readMetadata(model));
        assertThatThrownBy(() -> CheckpointStore.read(dir)).hasMessageContaining("'norm.weight' holds a non-finite "
                + "value (-Infinity at element 0");
    }
}
