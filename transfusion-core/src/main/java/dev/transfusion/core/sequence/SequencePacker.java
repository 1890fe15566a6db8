package dev.transfusion.core.sequence;

import dev.transfusion.sequence.SequenceLayout;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;

/**
 * Packs documents into {@code rows × length} sequences, first come first served. Rules: a document goes into the
 * current row if it fits, else the next row; documents never attend to each other (see the masks). A text-only
 * document longer than a row is split into row-sized chunks. A document with an image that cannot fit in an
 * empty row is dropped and counted, never cut mid-image. Packing stops when rows or image slots run out; the
 * documents not consumed stay in the queue for the next batch.
 */
public final class SequencePacker {
    private final int rows;
    private final int length;
    private final int patchesPerImage;
    private final int imageSlots;
    private final int padId;

    /** A packer for batches of {@code rows × length} with {@code patchesPerImage} patches per image. */
    public SequencePacker(int rows, int length, int patchesPerImage, int padId) {
        if (rows <= 0 || length <= 1 || patchesPerImage <= 0) {
            throw new IllegalArgumentException("rows, length and patchesPerImage must be positive");
        }
        this.rows = rows;
        this.length = length;
        this.patchesPerImage = patchesPerImage;
        this.imageSlots = rows * Math.max(1, length / (patchesPerImage + 2));
        this.padId = padId;
    }

    /** The fixed number of image slots per batch (NI), so batch tensors have static shapes. */
    public int imageSlots() {
        return imageSlots;
    }

    /** Sequence length. */
    public int length() {
        return length;
    }

    /** Rows per batch. */
    public int rows() {
        return rows;
    }

    /** Consumes documents from the head of {@code queue} until the batch is full or the queue is empty. */
    public PackedSequences pack(Deque<Document> queue) {
        return pack(new DocumentSource() {
            @Override
            public Document peek() {
                return queue.peek();
            }

            @Override
            public void advance() {
                queue.pollFirst();
            }

            @Override
            public void pushFront(List<Document> docs) {
                for (int i = docs.size() - 1; i >= 0; i--) {
                    queue.addFirst(docs.get(i));
                }
            }
        });
    }

    /** Consumes documents from {@code queue} until the batch is full or the source is exhausted. */
    public PackedSequences pack(DocumentSource queue) {
        int n = rows * length;
        byte[] kinds = new byte[n];
        Arrays.fill(kinds, SequenceLayout.PAD);
        int[] docs = new int[n];
        Arrays.fill(docs, -1);
        int[] imgs = new int[n];
        Arrays.fill(imgs, -1);
        int[] tokens = new int[n];
        Arrays.fill(tokens, padId);
        int[] source = new int[n];
        for (int i = 0; i < n; i++) {
            source[i] = i;
        }
        int[] patchRows = new int[imageSlots * patchesPerImage];
        List<PlacedImage> placed = new ArrayList<>();
        int row = 0;
        int pos = 0;
        int docId = 0;
        int dropped = 0;
        while (queue.peek() != null && row < rows) {
            Document doc = queue.peek();
            int len = doc.length(patchesPerImage);
            if (len > length) {
                queue.advance();
                if (doc.imageCount() == 0) {
                    splitText(doc, queue);
                } else {
                    dropped++;
                }
                continue;
            }
            if (pos + len > length) {
                row++;
                pos = 0;
                continue;
            }
            if (placed.size() + doc.imageCount() > imageSlots) {
                break;
            }
            queue.advance();
            List<Segment> segs = doc.segments();
            for (int si = 0; si < segs.size(); si++) {
                Segment seg = segs.get(si);
                if (seg instanceof Segment.Text t) {
                    for (int tok : t.tokens()) {
                        int at = row * length + pos++;
                        kinds[at] = SequenceLayout.TEXT;
                        docs[at] = docId;
                        tokens[at] = tok;
                    }
                } else if (seg instanceof Segment.Image im) {
                    int slot = placed.size();
                    placed.add(new PlacedImage(slot, row, pos, im, im.captionFollows()));
                    for (int p = 0; p < patchesPerImage; p++) {
                        int at = row * length + pos++;
                        kinds[at] = SequenceLayout.PATCH;
                        docs[at] = docId;
                        imgs[at] = slot;
                        source[at] = n + slot * patchesPerImage + p;
                        patchRows[slot * patchesPerImage + p] = at;
                    }
                }
            }
            docId++;
        }
        SequenceLayout layout = new SequenceLayout(rows, length, kinds, docs, imgs);
        int[] targets = new int[n];
        Arrays.fill(targets, padId);
        float[] textMask = new float[n];
        for (int r = 0; r < rows; r++) {
            for (int p = 0; p + 1 < length; p++) {
                int at = r * length + p;
                if (kinds[at] == SequenceLayout.TEXT && kinds[at + 1] == SequenceLayout.TEXT && docs[at] == docs[at + 1]) {
                    targets[at] = tokens[at + 1];
                    textMask[at] = 1f;
                }
            }
        }
        return new PackedSequences(layout, tokens, targets, textMask, source, patchRows, placed, imageSlots, dropped);
    }

    private void splitText(Document doc, DocumentSource queue) {
        int[] all = doc.segments().stream().map(s -> ((Segment.Text) s).tokens())
                .flatMapToInt(Arrays::stream).toArray();
        List<Document> chunks = new ArrayList<>();
        for (int i = 0; i < all.length; i += length) {
            chunks.add(new Document(List.of(new Segment.Text(Arrays.copyOfRange(all, i, Math.min(all.length, i + length))))));
        }
        queue.pushFront(chunks);
    }
}
