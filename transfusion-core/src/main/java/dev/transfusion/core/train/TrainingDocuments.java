package dev.transfusion.core.train;

import dev.transfusion.core.sequence.Document;
import dev.transfusion.core.sequence.DocumentSource;
import dev.transfusion.data.Dataset;
import dev.transfusion.data.Example;
import dev.transfusion.data.Split;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.Random;

/**
 * An endless, seeded stream of training documents drawn from the image–caption dataset (and an optional text
 * dataset) according to the {@link DocumentMix}. Each batch gets its own stream seeded by (seed, step), so a
 * resumed run sees exactly the batches an uninterrupted run would.
 */
public final class TrainingDocuments implements DocumentSource {
    private final Dataset images;
    private final Dataset text;
    private final DocumentFactory factory;
    private final DocumentMix mix;
    private final Random rng;
    private final Deque<Document> pending = new ArrayDeque<>();

    /** A stream over {@code images} (and {@code text}, may be null) drawing from {@code rng}. */
    public TrainingDocuments(Dataset images, Dataset text, DocumentFactory factory, DocumentMix mix, Random rng) {
        this.images = Objects.requireNonNull(images, "images");
        this.text = text;
        this.factory = Objects.requireNonNull(factory, "factory");
        this.mix = Objects.requireNonNull(mix, "mix");
        this.rng = Objects.requireNonNull(rng, "rng");
    }

    /** The random stream of one training step. */
    public static Random stepRandom(long seed, long step) {
        return new Random(seed * 0x9E3779B97F4A7C15L + step * 0xBF58476D1CE4E5B9L + 17);
    }

    @Override
    public Document peek() {
        if (pending.isEmpty()) {
            pending.add(draw());
        }
        return pending.peekFirst();
    }

    @Override
    public void advance() {
        peek();
        pending.pollFirst();
    }

    @Override
    public void pushFront(List<Document> docs) {
        for (int i = docs.size() - 1; i >= 0; i--) {
            pending.addFirst(docs.get(i));
        }
    }

    private Document draw() {
        if (text != null && rng.nextDouble() < mix.textOnly()) {
            Example ex = text.get(Split.TRAIN, (long) (rng.nextDouble() * text.size(Split.TRAIN)));
            return factory.textOnly(ex.caption());
        }
        Example ex = images.get(Split.TRAIN, (long) (rng.nextDouble() * images.size(Split.TRAIN)));
        if (rng.nextDouble() < mix.captionFirst()) {
            String caption = rng.nextDouble() < mix.captionDropout() ? "" : ex.caption();
            return factory.captionFirst(ex, caption);
        }
        return factory.imageFirst(ex);
    }
}
