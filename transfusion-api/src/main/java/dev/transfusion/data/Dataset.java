package dev.transfusion.data;

/**
 * A random-access source of {@link Example}s in two splits. {@link #get} is deterministic and thread-safe: the same
 * split and index always give the same example, from any thread.
 */
public interface Dataset {
    /** Number of examples in {@code split}. */
    long size(Split split);

    /** Example {@code index} of {@code split}, {@code 0 <= index < size(split)}. */
    Example get(Split split, long index);

    /** Height and width of every image (images are square); 0 for a text-only dataset. */
    int imageSize();

    /** Channels of every image (1 grey, 3 RGB); 0 for a text-only dataset. */
    int channels();

    /** A short name for logs and run metadata. */
    String name();

    /** Fails with a message naming the split, index and size when {@code index} is out of range. */
    default void checkIndex(Split split, long index) {
        long n = size(split);
        if (index < 0 || index >= n) {
            throw new IndexOutOfBoundsException(name() + " " + split + " index " + index + " outside [0, " + n + ")");
        }
    }
}
