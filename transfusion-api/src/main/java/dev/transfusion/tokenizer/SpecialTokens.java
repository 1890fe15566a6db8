package dev.transfusion.tokenizer;

/**
 * The ids of the control tokens every tokenizer provides: begin/end of sequence, padding, and the begin/end-of-image
 * markers that wrap an image's patches.
 */
public record SpecialTokens(int bos, int eos, int pad, int boi, int eoi) {
    /** Number of special tokens. */
    public static final int COUNT = 5;

    /** Checks that the ids are non-negative and distinct. */
    public SpecialTokens {
        int[] ids = {bos, eos, pad, boi, eoi};
        for (int i = 0; i < ids.length; i++) {
            if (ids[i] < 0) {
                throw new IllegalArgumentException("special token ids must be >= 0, got " + ids[i]);
            }
            for (int j = 0; j < i; j++) {
                if (ids[i] == ids[j]) {
                    throw new IllegalArgumentException("special token ids must be distinct, " + ids[i] + " repeats");
                }
            }
        }
    }

    /** The five specials at consecutive ids {@code base .. base+4} in the order BOS, EOS, PAD, BOI, EOI. */
    public static SpecialTokens startingAt(int base) {
        return new SpecialTokens(base, base + 1, base + 2, base + 3, base + 4);
    }

    /** True when {@code id} is one of the five. */
    public boolean contains(int id) {
        return id == bos || id == eos || id == pad || id == boi || id == eoi;
    }

    /** The largest of the five ids. */
    public int maxId() {
        return Math.max(Math.max(Math.max(bos, eos), Math.max(pad, boi)), eoi);
    }
}
