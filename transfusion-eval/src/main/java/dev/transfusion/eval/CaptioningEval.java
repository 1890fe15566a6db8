package dev.transfusion.eval;

import dev.transfusion.core.generate.Generator;
import dev.transfusion.core.generate.TextOptions;
import dev.transfusion.data.Example;
import dev.transfusion.data.shapes.ShapesCaption;
import dev.transfusion.data.shapes.ShapesCaptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Captioning of held-out images with greedy decoding: each caption is parsed with {@link ShapesCaptions#parse} and
 * compared with the example's labels (count, colour, shape, size, position), and CIDEr-D is computed against the
 * examples' reference captions (document frequencies over those references).
 */
final class CaptioningEval {
    private CaptioningEval() {
    }

    /** Captions every example's image greedily with at most {@code maxTokens} tokens. */
    static CaptioningResult run(Generator generator, List<Example> examples, int maxTokens, Consumer<String> progress) {
        Objects.requireNonNull(generator, "generator");
        List<String> captions = new ArrayList<>();
        List<String> references = new ArrayList<>();
        List<List<String>> refLists = new ArrayList<>();
        AttributeTally tally = new AttributeTally();
        boolean scorable = true;
        for (int i = 0; i < examples.size(); i++) {
            Example ex = examples.get(i);
            String caption = generator.caption(ex.image(), TextOptions.greedy(maxTokens)).trim();
            captions.add(caption);
            references.add(ex.caption());
            refLists.add(List.of(ex.caption()));
            Optional<ShapesCaption> truth = ShapesTruth.fromLabels(ex.labels());
            if (scorable && truth.isPresent()) {
                tally.add(ShapesCaptions.agreement(truth.get(), ShapesCaptions.parse(caption)));
            } else {
                scorable = false;
            }
            if ((i + 1) % 10 == 0 || i + 1 == examples.size()) {
                progress.accept("captioning: " + (i + 1) + "/" + examples.size() + " images");
            }
        }
        double cider = examples.isEmpty() ? Double.NaN : CiderD.score(captions, refLists).score();
        return new CaptioningResult(examples.size(), scorable && tally.size() > 0 ? tally.accuracy() : null, cider,
                captions, references);
    }
}
