package dev.transfusion.core.train;

import dev.transfusion.core.sequence.Document;
import dev.transfusion.core.sequence.Segment;
import dev.transfusion.data.Example;
import dev.transfusion.modality.LatentCodec;
import dev.transfusion.tensor.HostTensor;
import dev.transfusion.tokenizer.SpecialTokens;
import dev.transfusion.tokenizer.Tokenizer;
import java.util.List;
import java.util.Objects;

/**
 * Builds token-level documents from examples: {@code BOS caption BOI [image] EOI EOS} (caption first),
 * {@code BOS BOI [image] EOI caption EOS} (image first), {@code BOS BOI [image] EOI EOS} (caption dropped, the
 * unconditional case CFG needs) and {@code BOS text EOS} (text only).
 */
public final class DocumentFactory {
    private final Tokenizer tokenizer;
    private final LatentCodec codec;
    private final SpecialTokens sp;

    /** A factory encoding text with {@code tokenizer} and images with {@code codec}. */
    public DocumentFactory(Tokenizer tokenizer, LatentCodec codec) {
        this.tokenizer = Objects.requireNonNull(tokenizer, "tokenizer");
        this.codec = Objects.requireNonNull(codec, "codec");
        this.sp = tokenizer.specials();
    }

    /** The image's latent {@code (C, h, w)} from its pixels {@code (C, H, W)}. */
    public HostTensor latentOf(HostTensor image) {
        var s = image.shape();
        HostTensor batch = image.reshape(dev.transfusion.tensor.Shape.of(1, s.dim(0), s.dim(1), s.dim(2)));
        HostTensor z = codec.encode(batch);
        var zs = z.shape();
        return z.reshape(dev.transfusion.tensor.Shape.of(zs.dim(1), zs.dim(2), zs.dim(3)));
    }

    /** {@code BOS caption BOI [image] EOI EOS}; an empty caption gives the unconditional document. */
    public Document captionFirst(Example ex, String caption) {
        int[] cap = tokenizer.encode(caption);
        int[] head = new int[cap.length + 2];
        head[0] = sp.bos();
        System.arraycopy(cap, 0, head, 1, cap.length);
        head[head.length - 1] = sp.boi();
        return new Document(List.of(new Segment.Text(head), new Segment.Image(latentOf(ex.image()), false, ex),
                new Segment.Text(new int[] {sp.eoi(), sp.eos()})));
    }

    /** {@code BOS BOI [image] EOI caption EOS}: the caption is conditioned on the (noise-limited) image. */
    public Document imageFirst(Example ex) {
        int[] cap = tokenizer.encode(ex.caption());
        int[] tail = new int[cap.length + 2];
        tail[0] = sp.eoi();
        System.arraycopy(cap, 0, tail, 1, cap.length);
        tail[tail.length - 1] = sp.eos();
        return new Document(List.of(new Segment.Text(new int[] {sp.bos(), sp.boi()}),
                new Segment.Image(latentOf(ex.image()), cap.length > 0, ex), new Segment.Text(tail)));
    }

    /** {@code BOS text EOS}. */
    public Document textOnly(String text) {
        int[] t = tokenizer.encode(text);
        int[] all = new int[t.length + 2];
        all[0] = sp.bos();
        System.arraycopy(t, 0, all, 1, t.length);
        all[all.length - 1] = sp.eos();
        return new Document(List.of(new Segment.Text(all)));
    }

    /** The tokenizer. */
    public Tokenizer tokenizer() {
        return tokenizer;
    }
}
