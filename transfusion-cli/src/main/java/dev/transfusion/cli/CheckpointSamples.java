package dev.transfusion.cli;

import dev.transfusion.backend.ParameterStore;
import dev.transfusion.core.checkpoint.CheckpointStore;
import dev.transfusion.core.generate.Generator;
import dev.transfusion.core.generate.ImageOptions;
import dev.transfusion.core.runtime.Experiment;
import dev.transfusion.data.Example;
import dev.transfusion.data.Split;
import dev.transfusion.diffusion.Sampler;
import dev.transfusion.eval.EvalSampling;
import dev.transfusion.eval.ImageGrid;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * The sample grid of a checkpoint, for TensorBoard: the first few distinct held-out captions drawn with the weights
 * a checkpoint samples with (its moving average when kept), on the training run's backend and a fixed seed, so
 * grids of successive checkpoints compare; the configured sampler, capped at {@link #PREVIEW_STEPS} steps. A failure costs the grid, never the run: it is reported on stderr.
 */
final class CheckpointSamples implements Function<Path, BufferedImage> {
    static final int IMAGES = 4;
    /** Sampler steps of a preview at most: a checkpoint's grid should cost seconds, not a minute of training. */
    static final int PREVIEW_STEPS = 25;
    private final Experiment experiment;
    private final List<String> prompts;
    private final Sampler sampler;

    CheckpointSamples(Experiment experiment) {
        this.experiment = experiment;
        this.prompts = prompts(experiment);
        int steps = experiment.sampler().timesteps().length;
        this.sampler = steps > PREVIEW_STEPS ? EvalSampling.sampler(experiment, PREVIEW_STEPS) : experiment.sampler();
    }

    @Override
    public BufferedImage apply(Path checkpointDir) {
        if (prompts.isEmpty()) {
            return null;
        }
        try (ParameterStore params = experiment.loadParameters(CheckpointStore.read(checkpointDir).inferenceWeights());
             Generator g = new Generator(experiment.backend(), params, experiment.model(), experiment.tokenizer(),
                     experiment.codec(), experiment.mask(), experiment.objective(), sampler,
                     experiment.config().train().seqLen())) {
            List<ImageGrid.Tile> tiles = new ArrayList<>();
            for (int i = 0; i < prompts.size(); i++) {
                tiles.add(ImageGrid.Tile.of(g.generateImage(prompts.get(i), ImageOptions.of(g.sampler().guidance(), i)),
                        prompts.get(i)));
            }
            return ImageGrid.render(tiles, IMAGES);
        } catch (Exception e) { // the grid is a view of the run: losing it must not stop training
            System.err.println("tensorboard: no sample grid for " + checkpointDir + ": " + OneLineErrors.describe(e));
            return null;
        }
    }

    private static List<String> prompts(Experiment e) {
        Set<String> out = new LinkedHashSet<>();
        try {
            long n = e.dataset().size(Split.HELD_OUT);
            for (long i = 0; i < n && out.size() < IMAGES; i++) {
                Example ex = e.dataset().get(Split.HELD_OUT, i);
                if (ex.caption() != null && !ex.caption().isBlank() && ex.image() != null) {
                    out.add(ex.caption());
                }
            }
        } catch (RuntimeException ex) {
            System.err.println("tensorboard: no held-out captions to sample: " + OneLineErrors.describe(ex));
        }
        return List.copyOf(out);
    }
}
