package dev.transfusion.core.train;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.transfusion.core.checkpoint.AtomicFiles;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Appends one JSON object per line to a run's {@code metrics.jsonl}, flushed per record so a crash loses at most
 * the line being written. Reading tolerates exactly that: a torn last line is dropped with a warning; any other bad
 * line is an error naming the file and its line.
 */
public final class MetricsLog implements AutoCloseable {
    private static final JsonMapper JSON = new JsonMapper();
    private static final TypeReference<LinkedHashMap<String, Object>> RECORD = new TypeReference<>() { };

    private final Path file;
    private final BufferedWriter out;

    /** Opens (appending to) {@code file}. */
    public MetricsLog(Path file) {
        this.file = file;
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            this.out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open metrics log " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Opens {@code file} to continue a run resumed at {@code step}: records after that step (logged by the run
     * that was rolled back) are removed first, so no step appears twice, and a torn last line is dropped.
     * {@code warn} hears about each removal.
     */
    public static MetricsLog resume(Path file, long step, Consumer<String> warn) {
        if (Files.exists(file)) {
            Parsed parsed = parse(file, warn);
            List<Line> lines = parsed.lines();
            List<Line> kept = lines.stream().filter(l -> l.step() <= step).toList();
            if (kept.size() < lines.size()) {
                warn.accept(file + ": removed " + (lines.size() - kept.size()) + " record(s) after step " + step
                        + ", the checkpoint this run resumes from");
            }
            if (parsed.torn() || kept.size() < lines.size()) {
                StringBuilder text = new StringBuilder();
                kept.forEach(l -> text.append(l.text()).append('\n'));
                try {
                    AtomicFiles.writeString(file, text.toString());
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot rewrite metrics log " + file + ": " + e.getMessage(), e);
                }
            }
        }
        return new MetricsLog(file);
    }

    /** The records of {@code file} in order (a torn last line is dropped, and {@code warn} told). */
    public static List<Map<String, Object>> read(Path file, Consumer<String> warn) {
        return parse(file, warn).lines().stream().map(Line::record).toList();
    }

    /** Writes one record. */
    public void write(Map<String, Object> record) {
        try {
            out.write(JSON.writeValueAsString(record));
            out.newLine();
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write metrics log " + file + ": " + e.getMessage(), e);
        }
    }

    /** The log file. */
    public Path file() {
        return file;
    }

    @Override
    public void close() {
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close metrics log " + file + ": " + e.getMessage(), e);
        }
    }

    /** One parsed line: its text as written, the record and its step. */
    private record Line(String text, Map<String, Object> record, long step) {
    }

    /** A file's good lines, and whether a torn last line was dropped. */
    private record Parsed(List<Line> lines, boolean torn) {
    }

    private static Parsed parse(Path file, Consumer<String> warn) {
        List<String> raw = readAllLines(file);
        int last = raw.size() - 1;
        while (last >= 0 && raw.get(last).isBlank()) {
            last--;
        }
        List<Line> out = new ArrayList<>();
        boolean torn = false;
        for (int i = 0; i <= last; i++) {
            String text = raw.get(i);
            if (text.isBlank()) {
                continue;
            }
            String problem = null;
            Map<String, Object> record = null;
            try {
                record = JSON.readValue(text, RECORD);
                if (record == null || !(record.get("step") instanceof Number)) {
                    problem = "expected a JSON object with a numeric \"step\"";
                }
            } catch (JsonProcessingException e) {
                problem = "not valid JSON (" + e.getOriginalMessage() + ")";
            }
            if (problem == null) {
                out.add(new Line(text, record, ((Number) record.get("step")).longValue()));
            } else if (i == last) {
                torn = true;
                warn.accept(file + ": line " + (i + 1) + ": dropped a torn last line (a run was stopped while "
                        + "writing it): " + abbreviate(text));
            } else {
                throw new IllegalStateException(file + ": line " + (i + 1) + ": " + problem + "; only the last line "
                        + "can be torn by a crash, so this file was edited or damaged: fix or remove that line");
            }
        }
        return new Parsed(out, torn);
    }

    /** The lines of {@code file}; bytes a crash cut inside a character decode to U+FFFD instead of failing. */
    private static List<String> readAllLines(Path file) {
        try {
            return List.of(new String(Files.readAllBytes(file), StandardCharsets.UTF_8).split("\r?\n", -1));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read metrics log " + file + ": " + e.getMessage(), e);
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= 60 ? text : text.substring(0, 60) + "...";
    }
}
