package dev.transfusion.core.generate;

import dev.transfusion.backend.CompiledFunction;
import dev.transfusion.backend.Scope;
import dev.transfusion.core.model.RotaryPositions;
import dev.transfusion.core.model.TransformerDims;
import dev.transfusion.sequence.AttentionMask;
import dev.transfusion.sequence.SequenceLayout;
import dev.transfusion.tensor.HostTensor;
import dev.transfusion.tensor.Shape;
import dev.transfusion.tensor.Tensor;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * The state of one generation: B rows (e.g. conditional and unconditional for CFG) sharing a KV cache of S
 * slots. Each committed call writes new keys/values into the next free slots; the attention mask plugin decides,
 * from a layout of the slots, what each new position may see. Slots a row does not use are padding for it.
 * Not thread-safe: one session per generation.
 */
public final class DecodeSession implements AutoCloseable {
    private final CompiledFunction textStep;
    private final CompiledFunction imageStep;
    private final Scope root;
    private final AttentionMask mask;
    private final TransformerDims dims;
    private final RotaryPositions rotary;
    private final int rows;
    private final int capacity;
    private final byte[] kinds;
    private final int[] docs;
    private final int[] images;
    private final int[] nextPosition;
    private int used;
    private int imageCount;
    private Scope cacheScope;
    private Map<String, Tensor> cache = new HashMap<>();
    private long prefixForwardPositions;
    private long denoisingPasses;

    private final java.util.function.Consumer<DecodeSession> onClose;

    DecodeSession(CompiledFunction textStep, CompiledFunction imageStep, Scope root, AttentionMask mask,
                  TransformerDims dims, int rows, int capacity, java.util.function.Consumer<DecodeSession> onClose) {
        this.onClose = onClose;
        this.textStep = textStep;
        this.imageStep = imageStep;
        this.root = root;
        this.mask = mask;
        this.dims = dims;
        this.rotary = dims.rotary();
        this.rows = rows;
        this.capacity = capacity;
        int n = rows * capacity;
        this.kinds = new byte[n];
        Arrays.fill(kinds, SequenceLayout.PAD);
        this.docs = new int[n];
        Arrays.fill(docs, -1);
        this.images = new int[n];
        Arrays.fill(images, -1);
        this.nextPosition = new int[rows];
        this.cacheScope = root.newChild();
        Shape cs = Shape.of(rows, dims.heads(), capacity, dims.headDim());
        HostTensor zeros = HostTensor.zeros(cs);
        for (int i = 0; i < dims.layers(); i++) {
            cache.put(DecodeKeys.keys(i), cacheScope.upload(zeros));
            cache.put(DecodeKeys.values(i), cacheScope.upload(zeros));
        }
    }

    /** Slots still free. */
    public int remaining() {
        return capacity - used;
    }

    /** Forward passes over an image that left the cache unchanged (denoising steps; CFG rows share a pass). */
    public long denoisingPasses() {
        return denoisingPasses;
    }

    /** Positions (per row) processed by committed forward passes so far: the cost of prefixes. */
    public long committedPositions() {
        return prefixForwardPositions;
    }

    /**
     * Appends one token per row ({@code active[r]} false leaves row r's slot as padding) and returns the logits
     * {@code (B, V)} at the new position.
     */
    public HostTensor appendToken(int[] tokens, boolean[] active) {
        requireRoom(1);
        for (int r = 0; r < rows; r++) {
            int at = r * capacity + used;
            if (active[r]) {
                kinds[at] = SequenceLayout.TEXT;
                docs[at] = 0;
            }
        }
        Map<String, HostTensor> in = new HashMap<>();
        in.put(DecodeKeys.TOKENS, HostTensor.ints(Shape.of(rows, 1), tokens.clone()));
        Map<String, Tensor> out = run(textStep, in, 1, active, false);
        HostTensor logits = cacheScope.download(out.get(DecodeKeys.LOGITS));
        return logits.reshape(Shape.of(rows, logits.shape().dim(2)));
    }

    /**
     * Runs the image at the next P slots with latents {@code noisy (B, C, h, w)} at model time {@code time (B)};
     * returns the decoder's prediction. With {@code commit} the image's keys and values stay in the cache (use it
     * for the final clean image, t = 0); otherwise the cache is unchanged (a denoising step).
     */
    public HostTensor runImage(HostTensor noisy, float[] time, int patches, boolean commit) {
        requireRoom(patches);
        boolean[] active = new boolean[rows];
        Arrays.fill(active, true);
        int id = imageCount;
        for (int r = 0; r < rows; r++) {
            for (int p = 0; p < patches; p++) {
                int at = r * capacity + used + p;
                kinds[at] = SequenceLayout.PATCH;
                docs[at] = 0;
                images[at] = id;
            }
        }
        Map<String, HostTensor> in = new HashMap<>();
        in.put(DecodeKeys.NOISY, noisy);
        in.put(DecodeKeys.TIME, HostTensor.floats(Shape.of(rows), time.clone()));
        Map<String, Tensor> out;
        if (commit) {
            out = run(imageStep, in, patches, active, true);
            imageCount++;
            return cacheScope.download(out.get(DecodeKeys.PREDICTION));
        }
        try (Scope tmp = root.newChild()) {
            denoisingPasses++;
            out = runIn(tmp, imageStep, in, patches, true);
            HostTensor pred = tmp.download(out.get(DecodeKeys.PREDICTION));
            for (int r = 0; r < rows; r++) {
                for (int p = 0; p < patches; p++) {
                    int at = r * capacity + used + p;
                    kinds[at] = SequenceLayout.PAD;
                    docs[at] = -1;
                    images[at] = -1;
                }
            }
            return pred;
        }
    }

    /** Runs {@code fn} over {@code t} new positions and commits their keys and values to the cache. */
    private Map<String, Tensor> run(CompiledFunction fn, Map<String, HostTensor> in, int t, boolean[] active,
                                    boolean image) {
        Scope next = root.newChild();
        Map<String, Tensor> out;
        try {
            out = runIn(next, fn, in, t, image);
        } catch (RuntimeException e) {
            next.close();
            throw e;
        }
        Map<String, Tensor> newCache = new HashMap<>();
        for (int i = 0; i < dims.layers(); i++) {
            newCache.put(DecodeKeys.keys(i), out.get(DecodeKeys.keys(i)));
            newCache.put(DecodeKeys.values(i), out.get(DecodeKeys.values(i)));
        }
        for (int r = 0; r < rows; r++) {
            if (active[r]) {
                nextPosition[r] += t;
            }
        }
        used += t;
        prefixForwardPositions += t;
        cacheScope.close();
        cacheScope = next;
        cache = newCache;
        return out;
    }

    private Map<String, Tensor> runIn(Scope scope, CompiledFunction fn, Map<String, HostTensor> hostIn, int t,
                                      boolean image) {
        Map<String, Tensor> in = new HashMap<>(cache);
        hostIn.forEach((k, v) -> in.put(k, scope.upload(v)));
        HostTensor[] rope = rotary.forStep(nextPosition, t, image);
        in.put(DecodeKeys.ROPE_COS, scope.upload(rope[0]));
        in.put(DecodeKeys.ROPE_SIN, scope.upload(rope[1]));
        in.put(DecodeKeys.MASK, scope.upload(maskFor(t)));
        int[] source = new int[capacity];
        float[] isNew = new float[capacity];
        for (int i = 0; i < t; i++) {
            source[used + i] = i;
            isNew[used + i] = 1f;
        }
        in.put(DecodeKeys.SLOT_SOURCE, scope.upload(HostTensor.ints(Shape.of(capacity), source)));
        in.put(DecodeKeys.SLOT_IS_NEW, scope.upload(HostTensor.floats(Shape.of(1, 1, capacity, 1), isNew)));
        return fn.call(scope, in);
    }

    private HostTensor maskFor(int t) {
        SequenceLayout layout = new SequenceLayout(rows, capacity, kinds, docs, images);
        float[] m = new float[rows * t * capacity];
        for (int r = 0; r < rows; r++) {
            for (int i = 0; i < t; i++) {
                int q = used + i;
                for (int k = 0; k < capacity; k++) {
                    if (!mask.allows(layout, r, q, k)) {
                        m[(r * t + i) * capacity + k] = AttentionMask.BLOCKED;
                    }
                }
            }
        }
        return HostTensor.floats(Shape.of(rows, 1, t, capacity), m);
    }

    private void requireRoom(int n) {
        if (used + n > capacity) {
            throw new IllegalStateException("generation needs " + (used + n) + " positions (prompt tokens, special "
                    + "tokens and image patches) but this generator holds at most " + capacity + "; raise the limit "
                    + "(--max-positions on the command line, TrainedModel.generator(maxPositions) in Java)");
        }
    }

    @Override
    public void close() {
        onClose.accept(this);
        cacheScope.close();
        root.close();
    }
}
