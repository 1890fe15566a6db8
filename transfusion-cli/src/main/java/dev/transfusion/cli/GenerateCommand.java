package dev.transfusion.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.transfusion.core.generate.Generator;
import dev.transfusion.core.generate.ImageOptions;
import dev.transfusion.core.runtime.TrainedModel;
import dev.transfusion.data.Images;
import dev.transfusion.eval.ImageGrid;
import dev.transfusion.tensor.HostTensor;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code generate --checkpoint DIR (--prompt TEXT | --prompts FILE) [--n N] --out DIR|FILE.png}: with a folder, one
 * PNG per image, {@code grid.png} (prompts printed under the tiles) and {@code samples.jsonl} (prompt, seed, sampler,
 * steps, cfg, file); with {@code FILE.png}, that one image (or the grid when there are several). Every value and
 * output path is checked before the model loads; many prompts share one model load.
 */
@Command(name = "generate", mixinStandardHelpOptions = true, description = "Generate images from text prompts.")
final class GenerateCommand implements Callable<Integer> {
    static final String SAMPLES = "samples.jsonl";
    static final String GRID = "grid.png";

    @Option(names = "--checkpoint", required = true, description = "Run folder or checkpoint folder.")
    Path checkpoint;

    @ArgGroup(multiplicity = "1")
    PromptSource source;

    /** Exactly one of {@code --prompt} and {@code --prompts}. */
    static final class PromptSource {
        @Option(names = "--prompt", description = "The caption to draw.")
        String prompt;

        @Option(names = "--prompts", description = "A text file with one prompt per line (blank lines skipped).")
        Path file;
    }

    @Option(names = "--n", defaultValue = "1", description = "Images per prompt (seeds --seed, --seed+1, ...).")
    int n;

    @Option(names = "--cfg", description = "Classifier-free guidance scale >= 0 (default: the sampler's cfg).")
    Double cfg;

    @Option(names = "--steps", description = "Sampler steps (default: the config's sampler.steps).")
    Integer steps;

    @Option(names = "--seed", defaultValue = "0", description = "Noise seed of each prompt's first image.")
    long seed;

    @Option(names = "--max-positions", description = "Positions one generation may use: prompt tokens, specials and "
            + "image patches (default: the training sequence length train.seq_len).")
    Integer maxPositions;

    @Option(names = "--out", required = true, description = "Output folder, or FILE.png for a single image.")
    Path out;

    @Option(names = "--force", description = "Overwrite existing output files.")
    boolean force;

    @Option(names = "--verbose", description = "Show stack traces and native library logs.")
    boolean verbose;

    @Override
    public Integer call() throws IOException {
        CliChecks.atLeast("--n", n, 1);
        if (cfg != null) {
            CliChecks.finiteAtLeast("--cfg", cfg, 0);
        }
        if (steps != null) {
            CliChecks.atLeast("--steps", steps, 1);
        }
        if (maxPositions != null) {
            CliChecks.atLeast("--max-positions", maxPositions, 1);
        }
        List<String> prompts = prompts();
        boolean singleFile = out.getFileName() != null
                && out.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".png");
        if (singleFile) {
            CliChecks.newFile("--out", out, force);
        } else {
            List<String> outputs = new ArrayList<>(List.of(SAMPLES, GRID));
            for (int i = 0; i < prompts.size() * n; i++) {
                outputs.add(imageFile(i, prompts.size() * n));
            }
            CliChecks.outputFolder("--out", out, force, outputs);
        }
        List<String> overrides = steps == null ? List.of() : List.of("sampler.steps=" + steps);
        try (TrainedModel m = TrainedModel.load(checkpoint, overrides)) {
            Generator g = m.generator(maxPositions != null ? maxPositions : m.defaultMaxPositions());
            for (int i = 0; i < prompts.size(); i++) {
                checkFits(m, g, prompts.get(i), i);
            }
            double guidance = cfg != null ? cfg : g.sampler().guidance();
            List<ImageGrid.Tile> tiles = new ArrayList<>();
            List<Map<String, Object>> records = new ArrayList<>();
            int total = prompts.size() * n;
            for (String prompt : prompts) {
                for (int k = 0; k < n; k++) {
                    long s = seed + k;
                    HostTensor image = requireFinite(g.generateImage(prompt, ImageOptions.of(guidance, s)), prompt, s);
                    tiles.add(ImageGrid.Tile.of(image, prompt));
                    Map<String, Object> r = new LinkedHashMap<>();
                    r.put("prompt", prompt);
                    r.put("seed", s);
                    r.put("sampler", m.experiment().config().sampler().type());
                    r.put("steps", g.sampler().timesteps().length);
                    r.put("cfg", guidance);
                    records.add(r);
                    if (total > 1) {
                        System.err.printf("generated %d/%d%n", tiles.size(), total);
                    }
                }
            }
            if (singleFile) {
                writeSingle(tiles);
            } else {
                writeFolder(tiles, records);
            }
        }
        return 0;
    }

    private List<String> prompts() throws IOException {
        if (source.prompt != null) {
            if (source.prompt.isBlank()) {
                throw new IllegalArgumentException("--prompt is empty; give the caption to draw");
            }
            return List.of(source.prompt);
        }
        if (!Files.isRegularFile(source.file)) {
            throw new IllegalArgumentException("--prompts " + source.file + ": no such file");
        }
        List<String> prompts = Files.readAllLines(source.file, StandardCharsets.UTF_8).stream().map(String::strip)
                .filter(l -> !l.isEmpty()).toList();
        if (prompts.isEmpty()) {
            throw new IllegalArgumentException("--prompts " + source.file + " holds no prompts (one per line expected)");
        }
        return prompts;
    }

    /** Fails before any sampling when a prompt cannot fit next to its image in the generator's positions. */
    private static void checkFits(TrainedModel m, Generator g, String prompt, int index) {
        int tokens = m.experiment().tokenizer().encode(prompt).length;
        int patches = m.experiment().model().patchesPerImage();
        int needed = tokens + 2 + patches; // BOS prompt BOI, then the image's patches
        if (needed > g.maxPositions()) {
            throw new IllegalArgumentException(String.format("prompt %d (\"%s\") is %d tokens; with BOS, BOI and the "
                    + "image's %d patches it needs %d positions, but generation holds at most %d (%s). Shorten it, or "
                    + "raise --max-positions to at least %d", index + 1, prompt, tokens, patches, needed,
                    g.maxPositions(), g.maxPositions() == m.defaultMaxPositions() ? "train.seq_len" : "--max-positions",
                    needed));
        }
    }

    /** {@code image} when every value is finite; a numeric fault is an error, never an all-black file. */
    static HostTensor requireFinite(HostTensor image, String prompt, long seed) {
        long bad = 0;
        for (float v : image.floats()) {
            if (!Float.isFinite(v)) {
                bad++;
            }
        }
        if (bad > 0) {
            throw new ArithmeticException(String.format("the image for \"%s\" (seed %d) holds %d non-finite values "
                    + "out of %d: a numeric fault (e.g. non-finite weights in the checkpoint); nothing was written "
                    + "for it", prompt, seed, bad, image.shape().size()));
        }
        return image;
    }

    private void writeSingle(List<ImageGrid.Tile> tiles) throws IOException {
        if (tiles.size() == 1) {
            Images.toPng(tiles.get(0).image(), out);
        } else {
            ImageGrid.writePng(tiles, columns(tiles.size()), out);
        }
        System.out.println("wrote " + out.toAbsolutePath());
    }

    private void writeFolder(List<ImageGrid.Tile> tiles, List<Map<String, Object>> records) throws IOException {
        Files.createDirectories(out);
        ObjectMapper json = new ObjectMapper();
        try (BufferedWriter log = Files.newBufferedWriter(out.resolve(SAMPLES), StandardCharsets.UTF_8)) {
            for (int i = 0; i < tiles.size(); i++) {
                String file = imageFile(i, tiles.size());
                Images.toPng(tiles.get(i).image(), out.resolve(file));
                records.get(i).put("file", file);
                log.write(json.writeValueAsString(records.get(i)));
                log.newLine();
            }
        }
        ImageGrid.writePng(tiles, columns(tiles.size()), out.resolve(GRID));
        System.out.println("wrote " + tiles.size() + " image" + (tiles.size() == 1 ? "" : "s") + ", " + GRID + " and "
                + SAMPLES + " to " + out.toAbsolutePath());
    }

    /** The name of image {@code i} of {@code total}: zero-padded to at least three digits, in generation order. */
    static String imageFile(int i, int total) {
        int digits = Math.max(3, String.valueOf(total - 1).length());
        return String.format("%0" + digits + "d.png", i);
    }

    /** Up to four tiles per row. */
    static int columns(int tiles) {
        return Math.min(4, tiles);
    }
}
