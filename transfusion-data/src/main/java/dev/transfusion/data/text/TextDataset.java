package dev.transfusion.data.text;

import dev.transfusion.data.Dataset;
import dev.transfusion.data.Example;
import dev.transfusion.data.Split;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Plain text cut into chunks of at most {@code chunkChars} characters (never splitting a surrogate pair), file by
 * file; text-only examples. The last {@code heldOut} chunks are the held-out split.
 */
public final class TextDataset implements Dataset {
    /** A text file's name (relative to the dataset path) and contents. */
    public record TextFile(String name, String text) {
        /** Checks the fields. */
        public TextFile {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(text, "text");
        }
    }

    private final List<TextFile> files;
    private final int[] chunkFile;
    private final int[] chunkStart;
    private final int[] chunkEnd;
    private final int heldOut;

    /** Chunks {@code files}; {@code heldOutFraction} of the chunks (rounded down) are held out. */
    public TextDataset(List<TextFile> files, int chunkChars, double heldOutFraction) {
        this.files = List.copyOf(files);
        if (chunkChars < 2 || !(heldOutFraction >= 0 && heldOutFraction < 1)) {
            throw new IllegalArgumentException("need chunk_chars >= 2 and held_out_fraction in [0, 1), got "
                    + chunkChars + ", " + heldOutFraction);
        }
        int total = 0;
        for (TextFile f : this.files) {
            total += (f.text().length() + chunkChars - 1) / chunkChars + 1; // upper bound (surrogate adjustments)
        }
        int[] fi = new int[total], st = new int[total], en = new int[total];
        int n = 0;
        for (int f = 0; f < this.files.size(); f++) {
            String t = this.files.get(f).text();
            int start = 0;
            while (start < t.length()) {
                int end = Math.min(t.length(), start + chunkChars);
                if (end < t.length() && Character.isHighSurrogate(t.charAt(end - 1))) {
                    end--; // keep the pair together
                }
                fi[n] = f;
                st[n] = start;
                en[n] = end;
                n++;
                start = end;
            }
        }
        this.chunkFile = java.util.Arrays.copyOf(fi, n);
        this.chunkStart = java.util.Arrays.copyOf(st, n);
        this.chunkEnd = java.util.Arrays.copyOf(en, n);
        this.heldOut = (int) Math.floor(heldOutFraction * n);
    }

    @Override
    public long size(Split split) {
        return Objects.requireNonNull(split, "split") == Split.TRAIN ? chunkFile.length - heldOut : heldOut;
    }

    @Override
    public Example get(Split split, long index) {
        checkIndex(split, index);
        int i = Math.toIntExact(split == Split.TRAIN ? index : chunkFile.length - heldOut + index);
        TextFile f = files.get(chunkFile[i]);
        return Example.text(f.text().substring(chunkStart[i], chunkEnd[i]),
                Map.of("file", f.name(), "offset", chunkStart[i]));
    }

    @Override
    public int imageSize() {
        return 0;
    }

    @Override
    public int channels() {
        return 0;
    }

    @Override
    public String name() {
        return "text";
    }
}
