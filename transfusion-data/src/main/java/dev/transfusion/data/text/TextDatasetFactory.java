package dev.transfusion.data.text;

import dev.transfusion.data.Dataset;
import dev.transfusion.data.DatasetFactory;
import dev.transfusion.plugin.ComponentSpec;
import dev.transfusion.plugin.PluginContext;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * {@code data: {type: text, path: corpus/, chunk_chars: 512, held_out_fraction: 0.05}}: a UTF-8 {@code .txt} file,
 * or every {@code .txt} file under a folder (sorted by path), as text-only examples.
 */
public final class TextDatasetFactory implements DatasetFactory {
    @Override
    public String name() {
        return "text";
    }

    @Override
    public Dataset create(ComponentSpec spec, PluginContext context) {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(context, "context");
        spec.requireOnly("path", "chunk_chars", "held_out_fraction");
        String p = spec.getString("path", null);
        if (p == null) {
            throw spec.error("path", "required: a .txt file or a folder of .txt files");
        }
        Path path = context.baseDir().resolve(p).toAbsolutePath().normalize();
        int chunk = spec.getInt("chunk_chars", 512, 2, Integer.MAX_VALUE);
        double fraction = spec.getDouble("held_out_fraction", 0.05, 0, 0.99);
        List<Path> paths;
        if (Files.isRegularFile(path)) {
            paths = List.of(path);
        } else if (Files.isDirectory(path)) {
            try (Stream<Path> s = Files.walk(path)) {
                paths = s.filter(f -> Files.isRegularFile(f) && f.getFileName().toString().endsWith(".txt"))
                        .sorted().toList();
            } catch (IOException e) {
                throw spec.error("path", "cannot list " + path + ": " + e.getMessage());
            }
        } else {
            throw spec.error("path", "no such file or directory: " + path);
        }
        List<TextDataset.TextFile> files = new ArrayList<>();
        for (Path f : paths) {
            String text = readUtf8(spec, f);
            if (!text.isEmpty()) {
                String name = Files.isDirectory(path) ? path.relativize(f).toString() : f.getFileName().toString();
                files.add(new TextDataset.TextFile(name, text));
            }
        }
        if (files.isEmpty()) {
            throw spec.error("path", "no non-empty .txt text under " + path);
        }
        TextDataset d = new TextDataset(files, chunk, fraction);
        if (d.size(dev.transfusion.data.Split.TRAIN) < 1) {
            throw spec.error("held_out_fraction", fraction + " leaves no training chunks");
        }
        return d;
    }

    private static String readUtf8(ComponentSpec spec, Path f) {
        try {
            byte[] bytes = Files.readAllBytes(f);
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw spec.error("path", f + " is not valid UTF-8 (" + e.getMessage() + ")");
        } catch (IOException e) {
            throw spec.error("path", "cannot read " + f + ": " + e.getMessage());
        }
    }

    @Override
    public String description() {
        return "plain UTF-8 .txt files cut into text-only chunks";
    }
}
