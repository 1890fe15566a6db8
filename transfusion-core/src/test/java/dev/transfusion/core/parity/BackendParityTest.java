package dev.transfusion.core.parity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.transfusion.backend.ParameterStore;
import dev.transfusion.backend.TrainStep;
import dev.transfusion.core.config.ConfigLoader;
import dev.transfusion.core.config.ExperimentConfig;
import dev.transfusion.core.generate.ImageOptions;
import dev.transfusion.core.generate.TextOptions;
import dev.transfusion.core.model.LossKeys;
import dev.transfusion.core.runtime.Experiment;
import dev.transfusion.core.runtime.TrainedModel;
import dev.transfusion.core.runtime.TrainingRun;
import dev.transfusion.core.train.TrainingBatch;
import dev.transfusion.core.train.TrainingListener;
import dev.transfusion.tensor.HostTensor;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** DJL and TensorFlow run the same model code to the same numbers (minGPT-style parity). */
class BackendParityTest {
    static final String CONFIG = """
            seed: 3
            model: { dim: 32, layers: 2, heads: 4 }
            image: { size: 16, encoder: { type: linear, patch: 4 } }
            sampler: { type: ddim, steps: 4, cfg: 2.0 }
            data: { dataset: { type: shapes, image_size: 16 } }
            train: { steps: 50, batch: 2, seq_len: 48, lr: 2.0e-3, warmup: 5, checkpoint_every: 0, log_every: 10 }
            """;

    static ExperimentConfig config(String backend, String... more) {
        List<String> o = new ArrayList<>(List.of("backend.type=" + backend));
        o.addAll(List.of(more));
        return ConfigLoader.parse(CONFIG, "parity.yaml", o);
    }

    @Test
    void sameWeightsGiveSameLossesAndLogits() {
        try (Experiment djl = Experiment.create(config("djl"), Path.of("."));
             Experiment tf = Experiment.create(config("tf"), Path.of("."));
             ParameterStore pd = djl.initParameters();
             ParameterStore pt = tf.initParameters()) {
            // Identical initial weights: both come from the same host-side initializer.
            assertThat(pt.readAll().get("layers.0.attention.wq.weight"))
                    .isEqualTo(pd.readAll().get("layers.0.attention.wq.weight"));
            TrainingBatch batch = djl.batches().batch(0);
            Map<String, HostTensor> od = djl.backend().compile("loss", djl.loss(), pd).callHost(batch.inputs());
            Map<String, HostTensor> ot = tf.backend().compile("loss", tf.loss(), pt).callHost(batch.inputs());
            for (String k : List.of(LossKeys.LOSS, LossKeys.LM_LOSS, LossKeys.DIFFUSION_LOSS)) {
                assertThat(ot.get(k).item()).as(k).isCloseTo(od.get(k).item(), within(1e-4 * Math.abs(od.get(k).item()) + 1e-5));
            }
        }
    }

    @Test
    void fiftyTrainingStepsFollowTheSameCurve() {
        List<Double> d = curve("djl");
        List<Double> t = curve("tf");
        for (int i = 0; i < d.size(); i++) {
            // float32 differences compound over steps; the curves must stay within 1% of each other.
            assertThat(t.get(i)).as("step %d", i + 1).isCloseTo(d.get(i), within(0.01 * Math.abs(d.get(i)) + 1e-3));
        }
        assertThat(d.get(d.size() - 1)).isLessThan(d.get(0));
    }

    static List<Double> curve(String backend) {
        List<Double> losses = new ArrayList<>();
        try (Experiment e = Experiment.create(config(backend), Path.of("."));
             ParameterStore p = e.initParameters();
             TrainStep step = e.compileTrainStep(p)) {
            for (int s = 0; s < 50; s++) {
                losses.add(step.run(e.batches().batch(s).inputs(), e.learningRate().at(s)).loss());
            }
        }
        return losses;
    }

    @Test
    void checkpointTrainedOnOneBackendGeneratesOnTheOther(@TempDir Path tmp) {
        ExperimentConfig cfg = config("djl", "train.steps=5");
        try (Experiment e = Experiment.create(cfg, Path.of("."))) {
            TrainingRun.train(e, tmp, false, TrainingListener.none());
        }
        HostTensor imgDjl;
        String capDjl;
        try (TrainedModel m = TrainedModel.load(tmp, List.of())) {
            imgDjl = m.generator().generateImage("a small red circle", ImageOptions.of(2.0, 1));
            capDjl = m.generator().caption(imgDjl, TextOptions.greedy(8));
        }
        try (TrainedModel m = TrainedModel.load(tmp, List.of("backend.type=tf"))) {
            assertThat(m.experiment().backend().name()).isEqualTo("tf");
            HostTensor imgTf = m.generator().generateImage("a small red circle", ImageOptions.of(2.0, 1));
            float[] a = imgDjl.floats();
            float[] b = imgTf.floats();
            double maxDiff = 0;
            for (int i = 0; i < a.length; i++) {
                maxDiff = Math.max(maxDiff, Math.abs(a[i] - b[i]));
            }
            assertThat(maxDiff).as("same image from the same checkpoint and seed").isLessThan(0.02);
            assertThat(m.generator().caption(imgDjl, TextOptions.greedy(8))).isEqualTo(capDjl);
        }
    }
}
