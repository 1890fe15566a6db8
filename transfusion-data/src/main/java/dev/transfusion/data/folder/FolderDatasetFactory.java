package dev.transfusion.data.folder;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.transfusion.data.Dataset;
import dev.transfusion.data.DatasetFactory;
import dev.transfusion.data.Images;
import dev.transfusion.plugin.ComponentSpec;
import dev.transfusion.plugin.PluginContext;
import dev.transfusion.tokenizer.Tokenizer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * {@code data: {type: folder, dir: images/, captions: captions.jsonl, image_size: 32, on_error: fail, held_out: 100}}:
 * PNG/JPEG files listed with their captions, one JSON object {@code {"file": "...", "caption": "..."}} per line of
 * the captions file (relative to {@code dir}). Images are centre-cropped and resized. A file that cannot be read
 * fails the load ({@code on_error: fail}) or is skipped and counted ({@code skip}); a malformed captions line always
 * fails. {@code held_out} defaults to min(1000, count / 10).
 */
public final class FolderDatasetFactory implements DatasetFactory {
    @Override
    public String name() {
        return "folder";
    }

    @Override
    public Dataset create(ComponentSpec spec, PluginContext context) {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(context, "context");
        spec.requireOnly("dir", "captions", "image_size", "on_error", "held_out");
        String d = spec.getString("dir", null);
        if (d == null) {
            throw spec.error("dir", "required: the folder holding the images and captions file");
        }
        Path dir = context.baseDir().resolve(d).toAbsolutePath().normalize();
        if (!Files.isDirectory(dir)) {
            throw spec.error("dir", "not a directory: " + dir);
        }
        Path captions = dir.resolve(spec.getString("captions", "captions.jsonl")).normalize();
        if (!Files.isRegularFile(captions)) {
            throw spec.error("captions", "captions file not found: " + captions);
        }
        int size = spec.getInt("image_size", 32, 1, 4096);
        String onError = spec.getString("on_error", "fail");
        if (!onError.equals("fail") && !onError.equals("skip")) {
            throw spec.error("on_error", "expected 'fail' or 'skip', got '" + onError + "'");
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(captions, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw spec.error("captions", "cannot read " + captions + ": " + e.getMessage());
        }
        ObjectMapper json = new ObjectMapper();
        List<FolderDataset.Item> items = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (int n = 0; n < lines.size(); n++) {
            String line = lines.get(n).strip();
            if (line.isEmpty()) {
                continue;
            }
            String where = captions.getFileName() + " line " + (n + 1);
            JsonNode node;
            try {
                node = json.readTree(line);
            } catch (JsonProcessingException e) {
                throw spec.error("captions", captions + " line " + (n + 1) + ": not valid JSON: "
                        + e.getOriginalMessage());
            }
            if (node == null || !node.path("file").isTextual() || !node.path("caption").isTextual()) {
                throw spec.error("captions", captions + " line " + (n + 1)
                        + ": expected {\"file\": \"...\", \"caption\": \"...\"}, got " + line);
            }
            String file = node.get("file").asText();
            try {
                float[] x = Images.read(dir.resolve(file), size).floats();
                byte[] rgb = new byte[x.length];
                for (int p = 0; p < x.length; p++) {
                    rgb[p] = (byte) Math.round(Math.max(0f, Math.min(1f, x[p])) * 255f);
                }
                items.add(new FolderDataset.Item(file, node.get("caption").asText(), rgb));
            } catch (IOException e) {
                String why = "cannot read image " + file + " (" + where + "): " + e.getMessage();
                if (onError.equals("fail")) {
                    throw spec.error("dir", why + "; set on_error: skip to skip unreadable images");
                }
                skipped.add(why);
            }
        }
        if (items.isEmpty()) {
            throw spec.error("captions", captions + " lists no readable images"
                    + (skipped.isEmpty() ? "" : " (" + skipped.size() + " skipped, first: " + skipped.get(0) + ")"));
        }
        int heldOut = spec.getInt("held_out", Math.min(1000, items.size() / 10));
        if (heldOut < 0 || heldOut >= items.size()) {
            throw spec.error("held_out", "must be in [0, " + items.size() + ") for " + items.size()
                    + " images, got " + heldOut);
        }
        return new FolderDataset(items, size, heldOut, skipped);
    }

    @Override
    public String description() {
        return "a folder of PNG/JPEG images with captions.jsonl ({\"file\", \"caption\"} per line)";
    }
}
