package dev.transfusion.sequence;

/**
 * Where things sit in a packed batch, row-major over {@code rows × length}: each position's kind, document
 * (-1 = padding) and image slot (-1 = not a patch). Attention masks are computed from this alone.
 */
public record SequenceLayout(int rows, int length, byte[] kinds, int[] documents, int[] images) {
    /** A text token (including BOS/BOI/EOI/EOS). */
    public static final byte TEXT = 0;
    /** An image patch. */
    public static final byte PATCH = 1;
    /** Padding. */
    public static final byte PAD = 2;

    public SequenceLayout {
        int n = rows * length;
        if (kinds.length != n || documents.length != n || images.length != n) {
            throw new IllegalArgumentException("layout arrays must have rows*length = " + n + " elements");
        }
    }

    /** Flat index of (row, position). */
    public int at(int row, int pos) {
        return row * length + pos;
    }

    /** Kind at (row, position). */
    public byte kind(int row, int pos) {
        return kinds[at(row, pos)];
    }

    /** Document id at (row, position), -1 for padding. */
    public int document(int row, int pos) {
        return documents[at(row, pos)];
    }

    /** Image slot at (row, position), -1 unless a patch. */
    public int image(int row, int pos) {
        return images[at(row, pos)];
    }
}
