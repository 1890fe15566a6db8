package dev.transfusion.cli;

import dev.transfusion.backend.Backend;
import dev.transfusion.core.backend.Backends;
import dev.transfusion.core.checkpoint.SafeTensors;
import dev.transfusion.core.config.ExperimentConfig;
import dev.transfusion.core.plugin.PluginRegistry;
import dev.transfusion.core.plugin.Plugins;
import dev.transfusion.core.runtime.PluginKinds;
import dev.transfusion.core.runtime.TrainingRun;
import dev.transfusion.data.Dataset;
import dev.transfusion.data.Split;
import dev.transfusion.modalities.vae.ReconstructionQuality;
import dev.transfusion.modalities.vae.TrainedVae;
import dev.transfusion.modalities.vae.VaeCodec;
import dev.transfusion.modalities.vae.VaeConfig;
import dev.transfusion.modalities.vae.VaeTrainOptions;
import dev.transfusion.modalities.vae.VaeTrainingTask;
import dev.transfusion.plugin.PluginContext;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code train-vae --config FILE|NAME --out DIR [--resume]}: trains the latent codec on the config's dataset and
 * backend through the same training run as {@code train} (metrics.jsonl, checkpoints every
 * {@code train.checkpoint_every} steps, the {@code train.max_nonfinite} guard, resume), then reports held-out PSNR. Point {@code image.codec: {type: vae, checkpoint: DIR}} at the result.
 */
@Command(name = "train-vae", mixinStandardHelpOptions = true, description = "Train the VAE latent codec.")
final class TrainVaeCommand implements Callable<Integer> {
    @Option(names = "--config", required = true, description = "Config whose data and backend to use.")
    String config;

    @Option(names = "--out", required = true, description = "Run folder: metrics.jsonl, checkpoints/ and vae.safetensors.")
    Path out;

    @Option(names = "--resume", description = "Continue the run in --out from its latest checkpoint.")
    boolean resume;

    @Option(names = "--steps", defaultValue = "1000", description = "Training steps.")
    int steps;

    @Option(names = "--latent-channels", defaultValue = "8", description = "Latent channels (the paper: 8).")
    int latentChannels;

    @Option(names = "--downsample", defaultValue = "4", description = "Spatial downsampling, 4 or 8.")
    int downsample;

    @Option(names = "--verbose", description = "Show stack traces on errors.")
    boolean verbose;

    @Parameters(arity = "0..*", paramLabel = "key=value", description = "Config overrides.")
    List<String> overrides = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        ExperimentConfig cfg = Common.loadConfig(config, overrides);
        PluginRegistry registry = Plugins.registry(PluginKinds.ALL);
        PluginContext context = PluginContext.of(cfg.seed(), Path.of("."));
        Dataset data = registry.create(PluginKinds.DATASET, cfg.data().dataset(), context);
        List<Integer> channels = downsample == 4 ? List.of(32, 64) : List.of(32, 64, 64);
        VaeConfig vc = new VaeConfig(data.channels(), latentChannels, downsample, channels, 1, 8);
        VaeTrainingTask task = new VaeTrainingTask(vc, VaeTrainOptions.defaults(steps), data);
        var t = cfg.train();
        TrainingRun.Settings settings = new TrainingRun.Settings(t.logEvery(), t.checkpointEvery(), t.maxNonfinite(),
                t.keepCheckpoints());
        try (Backend backend = Backends.create(registry, cfg.backend(), context)) {
            TrainingRun.TaskResult r;
            try (TrainingProgress progress = new TrainingProgress(steps)) {
                r = TrainingRun.train(backend, task, settings, out, resume, s -> progress.onStep(s.step(), s.loss(),
                        String.format("rec %.5f, kl %.2f", s.metrics().get("rec"), s.metrics().get("kl")),
                        s.skippedTotal()));
            }
            TrainedVae vae = task.save(backend, r.weights(), out, SafeTensors.files());
            double psnr = ReconstructionQuality.psnr(new VaeCodec(backend, vae, out.toString()), data, Split.HELD_OUT, 128);
            System.out.printf("%nVAE: latent %dx%dx%d, scale factor %.4f, held-out PSNR %.2f dB (128 images)%n",
                    latentChannels, data.imageSize() / downsample, data.imageSize() / downsample, vae.scaleFactor(), psnr);
            System.out.println("saved: " + out.toAbsolutePath() + "  (use image.codec: {type: vae, checkpoint: " + out + "})");
        }
        return 0;
    }
}
