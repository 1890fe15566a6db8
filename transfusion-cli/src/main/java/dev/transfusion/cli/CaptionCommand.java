package dev.transfusion.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.transfusion.core.generate.TextOptions;
import dev.transfusion.core.runtime.TrainedModel;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code caption --checkpoint DIR IMAGE|FOLDER...}: one caption per image, printed as {@code path<TAB>caption} and
 * (with {@code --out}, or by default into the first folder given) written to {@code captions.jsonl}. An image that
 * fails is reported and the rest are still captioned; the exit code is then 1.
 */
@Command(name = "caption", mixinStandardHelpOptions = true, description = "Caption images (PNG/JPEG/BMP/GIF).")
final class CaptionCommand implements Callable<Integer> {
    static final String CAPTIONS = "captions.jsonl";

    @Option(names = "--checkpoint", required = true, description = "Run folder or checkpoint folder.")
    Path checkpoint;

    @Option(names = "--max-tokens", defaultValue = "64", description = "Longest caption in tokens (>= 1).")
    int maxTokens;

    @Option(names = "--out", description = "captions.jsonl to write (default: " + CAPTIONS + " in the first folder "
            + "given; none when only files are given).")
    Path out;

    @Option(names = "--force", description = "Overwrite an existing captions file.")
    boolean force;

    @Option(names = "--verbose", description = "Show stack traces and native library logs.")
    boolean verbose;

    @Parameters(arity = "1..*", paramLabel = "IMAGE", description = "Images, or folders of images, to caption.")
    List<Path> images;

    @Override
    public Integer call() throws IOException {
        CliChecks.atLeast("--max-tokens", maxTokens, 1);
        Path jsonl = out != null ? out : images.stream().filter(Files::isDirectory).findFirst()
                .map(d -> d.resolve(CAPTIONS)).orElse(null);
        if (jsonl != null) {
            CliChecks.newFile(out != null ? "--out" : "the captions file", jsonl, force);
        }
        List<Path> files = CaptionInputs.expand(images);
        int failed = 0;
        ObjectMapper json = new ObjectMapper();
        try (TrainedModel m = TrainedModel.load(checkpoint, List.of());
             BufferedWriter log = jsonl == null ? null : Files.newBufferedWriter(jsonl, StandardCharsets.UTF_8)) {
            int size = m.experiment().config().image().size();
            for (Path p : files) {
                try {
                    CaptionInputs.Loaded in = CaptionInputs.load(p, size);
                    if (!in.notes().isEmpty()) {
                        System.err.println("note: " + p + ": " + String.join("; ", in.notes()));
                    }
                    String caption = m.generator().caption(in.pixels(), TextOptions.greedy(maxTokens));
                    System.out.println(p + "\t" + caption);
                    if (log != null) {
                        Map<String, Object> r = new LinkedHashMap<>();
                        r.put("file", p.toString());
                        r.put("caption", caption);
                        log.write(json.writeValueAsString(r));
                        log.newLine();
                        log.flush();
                    }
                } catch (IOException | ArithmeticException e) {
                    failed++;
                    System.err.println("error: " + p + ": " + OneLineErrors.describe(e));
                }
            }
        }
        if (jsonl != null) {
            System.err.println("wrote " + jsonl.toAbsolutePath());
        }
        if (failed > 0) {
            System.err.println("error: " + failed + " of " + files.size() + " images could not be captioned");
            return 1;
        }
        return 0;
    }
}
