package dev.transfusion.core.generate;

import dev.transfusion.backend.Backend;
import dev.transfusion.backend.CompiledFunction;
import dev.transfusion.backend.ParameterStore;
import dev.transfusion.backend.Scope;
import dev.transfusion.core.model.TransfusionModel;
import dev.transfusion.diffusion.DiffusionObjective;
import dev.transfusion.diffusion.Sampler;
import dev.transfusion.modality.LatentCodec;
import dev.transfusion.modality.LatentGeometry;
import dev.transfusion.sequence.AttentionMask;
import dev.transfusion.tensor.HostTensor;
import dev.transfusion.tensor.Shape;
import dev.transfusion.tokenizer.SpecialTokens;
import dev.transfusion.tokenizer.Tokenizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Random;

/**
 * Runs a trained model: text by next-token sampling, images by diffusion over the KV cache (the prefix is
 * computed once and every denoising step is one pass over the image alone), with classifier-free guidance from
 * a second, unconditional row in the same batch. After the last step the clean image is re-encoded at t = 0
 * into the cache before EOI, so later text sees the clean image.
 *
 * <p>Thread-safety: a Generator may be shared, but calls are serialised (each method is synchronized), since
 * the backend's compiled programs are not re-entrant.
 */
public final class Generator implements AutoCloseable {
    private final Backend backend;
    private final TransfusionModel model;
    private final Tokenizer tokenizer;
    private final LatentCodec codec;
    private final AttentionMask mask;
    private final DiffusionObjective objective;
    private final Sampler sampler;
    private final int capacity;
    private final CompiledFunction textStep;
    private final CompiledFunction imageStep;
    private final SpecialTokens sp;
    private long committedPositions;
    private long denoisingPasses;

    /** Cumulative work of this generator: positions written to KV caches and denoising passes over images. */
    public record Stats(long committedPositions, long denoisingPasses) {
    }

    /** A generator over parameters already on {@code backend}; {@code capacity} bounds the KV cache length. */
    public Generator(Backend backend, ParameterStore params, TransfusionModel model, Tokenizer tokenizer,
                     LatentCodec codec, AttentionMask mask, DiffusionObjective objective, Sampler sampler, int capacity) {
        this.backend = Objects.requireNonNull(backend, "backend");
        this.model = Objects.requireNonNull(model, "model");
        this.tokenizer = Objects.requireNonNull(tokenizer, "tokenizer");
        this.codec = Objects.requireNonNull(codec, "codec");
        this.mask = Objects.requireNonNull(mask, "mask");
        this.objective = Objects.requireNonNull(objective, "objective");
        this.sampler = Objects.requireNonNull(sampler, "sampler");
        this.capacity = capacity;
        this.textStep = backend.compile("decode_text", new CachedForward(model, CachedForward.Mode.TEXT), params);
        this.imageStep = backend.compile("decode_image", new CachedForward(model, CachedForward.Mode.IMAGE), params);
        this.sp = tokenizer.specials();
    }

    /** The positions one generation may use (prompt, specials and image patches): the KV cache's length. */
    public int maxPositions() {
        return capacity;
    }

    /** The sampler in use (its guidance is the default CFG scale). */
    public Sampler sampler() {
        return sampler;
    }

    /** Opens a raw decoding session with {@code rows} rows (advanced use, tests). */
    public DecodeSession openSession(int rows) {
        Scope root = backend.newScope();
        return new DecodeSession(textStep, imageStep, root, mask, model.dims(), rows, capacity, s -> {
            committedPositions += s.committedPositions();
            denoisingPasses += s.denoisingPasses();
        });
    }

    /** Work done so far (for tests and benchmarks). */
    public synchronized Stats stats() {
        return new Stats(committedPositions, denoisingPasses);
    }

    /** Text-to-image: {@code BOS prompt BOI}, then diffusion with CFG; returns pixels {@code (C, H, W)} in [0, 1]. */
    public synchronized HostTensor generateImage(String prompt, ImageOptions options) {
        boolean cfg = options.guidance() != 1.0;
        int rows = cfg ? 2 : 1;
        int[] cond = concat(new int[] {sp.bos()}, tokenizer.encode(prompt), new int[] {sp.boi()});
        int[] uncond = {sp.bos(), sp.boi()};
        try (DecodeSession s = openSession(rows)) {
            for (int i = 0; i < cond.length; i++) {
                int j = i - (cond.length - uncond.length); // right-align the unconditional prefix
                int[] tok = cfg ? new int[] {cond[i], j >= 0 ? uncond[j] : sp.pad()} : new int[] {cond[i]};
                boolean[] active = cfg ? new boolean[] {true, j >= 0} : new boolean[] {true};
                s.appendToken(tok, active);
            }
            HostTensor latent = denoise(s, rows, options);
            return pixels(latent);
        }
    }

    /** Captioning: {@code BOS BOI [clean image] EOI}, then text. {@code image} is {@code (C, H, W)} in [0, 1]. */
    public synchronized String caption(HostTensor image, TextOptions options) {
        try (DecodeSession s = openSession(1)) {
            s.appendToken(new int[] {sp.bos()}, new boolean[] {true});
            s.appendToken(new int[] {sp.boi()}, new boolean[] {true});
            HostTensor latent = latentOf(image);
            s.runImage(batchOf(latent, 1), new float[] {(float) objective.modelTime(0)}, model.patchesPerImage(), true);
            HostTensor logits = s.appendToken(new int[] {sp.eoi()}, new boolean[] {true});
            return tokenizer.decode(decodeText(s, logits, options));
        }
    }

    /** Text continuation of {@code prompt} (no images). */
    public synchronized String generateText(String prompt, TextOptions options) {
        int[] p = concat(new int[] {sp.bos()}, tokenizer.encode(prompt), new int[0]);
        try (DecodeSession s = openSession(1)) {
            HostTensor logits = null;
            for (int t : p) {
                logits = s.appendToken(new int[] {t}, new boolean[] {true});
            }
            return tokenizer.decode(decodeText(s, logits, options));
        }
    }

    /**
     * Interleaved generation: the prompt's parts (text and images) are fed in order, then text is sampled; when
     * the model emits BOI an image is generated (with guidance 1: the unconditional row of CFG has no meaning
     * mid-document), re-encoded clean, EOI appended, and text continues until EOS or the token limit.
     */
    public synchronized List<GeneratedPart> generate(List<GeneratedPart> prompt, TextOptions text, ImageOptions image) {
        List<GeneratedPart> out = new ArrayList<>();
        try (DecodeSession s = openSession(1)) {
            HostTensor logits = s.appendToken(new int[] {sp.bos()}, new boolean[] {true});
            for (GeneratedPart part : prompt) {
                if (part instanceof GeneratedPart.Text t) {
                    for (int id : tokenizer.encode(t.text())) {
                        logits = s.appendToken(new int[] {id}, new boolean[] {true});
                    }
                } else if (part instanceof GeneratedPart.Image im) {
                    s.appendToken(new int[] {sp.boi()}, new boolean[] {true});
                    s.runImage(batchOf(latentOf(im.pixels()), 1), new float[] {(float) objective.modelTime(0)},
                            model.patchesPerImage(), true);
                    logits = s.appendToken(new int[] {sp.eoi()}, new boolean[] {true});
                }
            }
            int budget = text.maxTokens();
            while (budget > 0) {
                List<Integer> ids = new ArrayList<>();
                logits = decodeTextUntilImage(s, logits, text, ids, budget);
                budget -= ids.size();
                int last = ids.isEmpty() ? -1 : ids.get(ids.size() - 1);
                List<Integer> words = last == sp.boi() ? ids.subList(0, ids.size() - 1) : ids;
                if (!words.isEmpty()) {
                    out.add(new GeneratedPart.Text(tokenizer.decode(words.stream().mapToInt(Integer::intValue).toArray())));
                }
                if (last != sp.boi() || s.remaining() < model.patchesPerImage() + 2) {
                    break;
                }
                HostTensor latent = denoise(s, 1, new ImageOptions(1.0, image.seed() + out.size(), image.listener()));
                out.add(new GeneratedPart.Image(pixels(latent)));
                logits = s.appendToken(new int[] {sp.eoi()}, new boolean[] {true});
            }
        }
        return out;
    }

    private HostTensor denoise(DecodeSession s, int rows, ImageOptions options) {
        LatentGeometry g = model.latent();
        int patches = model.patchesPerImage();
        double w = options.guidance();
        Shape one = Shape.of(1, g.channels(), g.size(), g.size());
        HostTensor noise = gaussian(one, new Random(options.seed()));
        HostTensor x0 = sampler.sample((xt, t) -> {
            float[] time = new float[rows];
            Arrays.fill(time, (float) objective.modelTime(t));
            HostTensor pred = s.runImage(batchOf(xt, rows), time, patches, false);
            return rows == 1 ? pred : guide(pred, sampler.guidedAt(t) ? w : 1.0);
        }, noise, options.seed() + 1, options.listener());
        float[] time = new float[rows];
        Arrays.fill(time, (float) objective.modelTime(0));
        s.runImage(batchOf(x0, rows), time, patches, true);
        return x0;
    }

    /** {@code uncond + w·(cond − uncond)} over the objective's output (row 0 conditional, row 1 not). */
    static HostTensor guide(HostTensor pred, double w) {
        float[] p = pred.floats();
        int n = p.length / 2;
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
            out[i] = (float) (p[n + i] + w * (p[i] - p[n + i]));
        }
        long[] dims = pred.shape().dims();
        dims[0] = 1;
        return HostTensor.floats(Shape.of(dims), out);
    }

    private int[] decodeText(DecodeSession s, HostTensor logits, TextOptions options) {
        List<Integer> ids = new ArrayList<>();
        decodeTextUntilImage(s, logits, options, ids, options.maxTokens());
        return ids.stream().mapToInt(Integer::intValue).filter(i -> i != sp.boi()).toArray();
    }

    private HostTensor decodeTextUntilImage(DecodeSession s, HostTensor logits, TextOptions options, List<Integer> ids,
                                            int budget) {
        TokenSampler ts = new TokenSampler(options);
        int vocab = Math.toIntExact(logits.shape().dim(1));
        HostTensor current = logits;
        for (int i = 0; i < budget && s.remaining() > 0; i++) {
            int next = ts.next(current.floats(), 0, vocab,
                    id -> id < tokenizer.vocabSize() && (!tokenizer.isSpecial(id) || id == sp.eos() || id == sp.boi()));
            if (next == sp.eos()) {
                break;
            }
            ids.add(next);
            options.listener().onToken(next, tokenizer.isSpecial(next) ? "" : tokenizer.decode(new int[] {next}));
            if (next == sp.boi()) {
                s.appendToken(new int[] {next}, new boolean[] {true});
                break;
            }
            current = s.appendToken(new int[] {next}, new boolean[] {true});
        }
        return current;
    }

    private HostTensor latentOf(HostTensor image) {
        long[] d = image.shape().dims();
        HostTensor z = codec.encode(image.reshape(Shape.of(1, d[0], d[1], d[2])));
        return z;
    }

    private HostTensor pixels(HostTensor latent) {
        HostTensor px = codec.decode(latent);
        long[] d = px.shape().dims();
        return px.reshape(Shape.of(d[1], d[2], d[3]));
    }

    private static HostTensor batchOf(HostTensor x, int rows) {
        float[] src = x.floats();
        float[] out = new float[src.length * rows];
        for (int r = 0; r < rows; r++) {
            System.arraycopy(src, 0, out, r * src.length, src.length);
        }
        long[] d = x.shape().dims();
        d[0] = rows;
        return HostTensor.floats(Shape.of(d), out);
    }

    private static HostTensor gaussian(Shape shape, Random rng) {
        float[] d = new float[Math.toIntExact(shape.size())];
        for (int i = 0; i < d.length; i++) {
            d[i] = (float) rng.nextGaussian();
        }
        return HostTensor.floats(shape, d);
    }

    private static int[] concat(int[] a, int[] b, int[] c) {
        int[] out = new int[a.length + b.length + c.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        System.arraycopy(c, 0, out, a.length + b.length, c.length);
        return out;
    }

    @Override
    public void close() {
        textStep.close();
        imageStep.close();
    }
}
