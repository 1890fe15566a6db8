package dev.transfusion.core.train;

import dev.transfusion.core.sequence.PackedSequences;
import dev.transfusion.core.sequence.SequencePacker;
import dev.transfusion.data.Dataset;
import dev.transfusion.sequence.SequenceLayout;
import java.util.Random;

/**
 * The standard batch source: a seeded document stream per step, packed into fixed-length rows, noised by the
 * {@link BatchBuilder}.
 */
public final class PackedBatchSource implements BatchSource {
    private final Dataset images;
    private final Dataset text;
    private final DocumentFactory documents;
    private final DocumentMix mix;
    private final SequencePacker packer;
    private final BatchBuilder builder;
    private final long seed;

    /** A source over the given datasets (text may be null). */
    public PackedBatchSource(Dataset images, Dataset text, DocumentFactory documents, DocumentMix mix,
                             SequencePacker packer, BatchBuilder builder, long seed) {
        this.images = images;
        this.text = text;
        this.documents = documents;
        this.mix = mix;
        this.packer = packer;
        this.builder = builder;
        this.seed = seed;
    }

    @Override
    public TrainingBatch batch(long step) {
        Random rng = TrainingDocuments.stepRandom(seed, step);
        PackedSequences packed = packer.pack(new TrainingDocuments(images, text, documents, mix, rng));
        int used = 0;
        for (byte k : packed.layout().kinds()) {
            if (k != SequenceLayout.PAD) {
                used++;
            }
        }
        return new TrainingBatch(builder.build(packed, rng), used, packed.images().size(), packed.dropped());
    }
}
