package dev.transfusion.modalities.vae;

import static org.assertj.core.api.Assertions.assertThat;

import dev.transfusion.backend.Backend;
import dev.transfusion.core.backend.Backends;
import dev.transfusion.core.checkpoint.SafeTensors;
import dev.transfusion.core.config.BackendConfig;
import dev.transfusion.core.runtime.TrainingRun;
import dev.transfusion.data.Split;
import dev.transfusion.data.shapes.ShapesDataset;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The acceptance check for the VAE codec: trained on {@code shapes} 32×32 with the small budget below, saved and
 * loaded back through its checkpoint, it reconstructs held-out images at ≥ 28 dB PSNR.
 */
@Tag("slow")
class VaeShapesPsnrSlowTest {
    /** The budget: 8 latent channels at 8×8 (downsample 4), channels [32, 64], one ResNet block per level. */
    static final VaeConfig CONFIG = VaeConfig.small();
    /** 1000 AdamW steps of batch 16, peak lr 3e-3 (28.2 dB was measured at step 500 of a 2000-step schedule). */
    static final VaeTrainOptions OPTIONS = VaeTrainOptions.defaults(1000);

    @Test
    void reconstructsHeldOutShapesAtLeast28dB(@TempDir Path tmp) throws Exception {
        ShapesDataset data = new ShapesDataset(32, 1, 1, 7, 50_000, 1_000);
        try (Backend backend = Backends.create(new BackendConfig("djl", "cpu", 0))) {
            long t0 = System.nanoTime();
            VaeTrainingTask task = new VaeTrainingTask(CONFIG, OPTIONS, data);
            TrainingRun.TaskResult run = TrainingRun.train(backend, task, TrainingRun.Settings.defaults(),
                    tmp.resolve("vae"), false, r -> {
                        if (r.step() % 250 == 1) {
                            System.out.printf("vae step %d rec %.5f kl %.3f%n", r.step() - 1, r.metrics().get("rec"),
                                    r.metrics().get("kl"));
                        }
                    });
            task.save(backend, run.weights(), tmp.resolve("vae"), SafeTensors.files());
            double seconds = (System.nanoTime() - t0) / 1e9;
            VaeCodec codec = new VaeCodec(backend, VaeCheckpoint.load(tmp.resolve("vae"), SafeTensors.files()), tmp.toString());
            double psnr = ReconstructionQuality.psnr(codec, data, Split.HELD_OUT, 256);
            System.out.printf("VAE on shapes 32x32: held-out PSNR %.2f dB after %.0f s of training%n", psnr, seconds);
            assertThat(psnr).isGreaterThanOrEqualTo(28.0);
        }
    }
}
