package dev.transfusion.eval;

import dev.transfusion.core.generate.Generator;
import dev.transfusion.core.generate.ImageOptions;
import dev.transfusion.data.Example;
import dev.transfusion.data.shapes.AttributeScore;
import dev.transfusion.data.shapes.ShapesCaption;
import dev.transfusion.data.shapes.ShapesOracle;
import dev.transfusion.tensor.HostTensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Text-to-image on held-out prompts: each example's caption is generated with the given CFG and noise seed
 * {@code seed + i}, and, when the example carries shapes labels, the image is scored by the {@link ShapesOracle}
 * against them (GenEval-style per-attribute and overall accuracy).
 */
final class TextToImageEval {
    /** The generated images (in prompt order), the oracle's verdict on each (empty when unscored) and the summary. */
    record Output(List<HostTensor> images, List<AttributeScore> verdicts, TextToImageResult result) {
    }

    private TextToImageEval() {
    }

    /** Generates and scores one image per example; {@code oracle} may be null (no attribute scoring). */
    static Output run(Generator generator, List<Example> examples, ShapesOracle oracle, double guidance, long seed,
                      int steps, java.util.function.Consumer<String> progress) {
        Objects.requireNonNull(generator, "generator");
        List<HostTensor> images = new ArrayList<>();
        List<String> prompts = new ArrayList<>();
        AttributeTally tally = new AttributeTally();
        List<AttributeScore> verdicts = new ArrayList<>();
        boolean scorable = oracle != null;
        for (int i = 0; i < examples.size(); i++) {
            Example ex = examples.get(i);
            HostTensor image = generator.generateImage(ex.caption(), ImageOptions.of(guidance, seed + i));
            images.add(image);
            prompts.add(ex.caption());
            Optional<ShapesCaption> truth = ShapesTruth.fromLabels(ex.labels());
            if (scorable && truth.isPresent()) {
                AttributeScore score = oracle.score(truth.get(), image);
                tally.add(score);
                verdicts.add(score);
            } else {
                scorable = false;
            }
            if ((i + 1) % 10 == 0 || i + 1 == examples.size()) {
                progress.accept("text-to-image: " + (i + 1) + "/" + examples.size() + " images");
            }
        }
        AttributeAccuracy acc = scorable && tally.size() > 0 ? tally.accuracy() : null;
        return new Output(images, scorable ? verdicts : List.of(), new TextToImageResult(examples.size(), steps, guidance, acc, prompts));
    }
}
