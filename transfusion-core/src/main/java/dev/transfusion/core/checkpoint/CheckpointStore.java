package dev.transfusion.core.checkpoint;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.transfusion.io.CheckpointException;
import dev.transfusion.io.SafeTensorsFile;
import dev.transfusion.tensor.HostTensor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A run's checkpoints, {@code <runDir>/checkpoints/step-00001000/} each holding {@code model.safetensors},
 * {@code optimizer.safetensors}, {@code state.json} and, when the run averages its weights, {@code ema.safetensors}.
 * A checkpoint is written into a hidden temp directory and
 * renamed into place, so a crash never leaves a half checkpoint; only the newest {@code keep} are kept. One writer
 * per run directory.
 */
public final class CheckpointStore {
    /** The format tag in every checkpoint's metadata. */
    public static final String FORMAT = "transfusion-1";
    /** Parameter file name. */
    public static final String MODEL_FILE = "model.safetensors";
    /** The folder inside a run folder that holds its {@code step-N} checkpoints. */
    public static final String DIR = "checkpoints";
    /** Optimizer state file name. */
    public static final String OPTIMIZER_FILE = "optimizer.safetensors";
    /** File name of the moving-average weights, present only when the run keeps them ({@code train.ema}). */
    public static final String EMA_FILE = "ema.safetensors";
    /** Step and caller state file name. */
    public static final String STATE_FILE = "state.json";

    private static final Pattern STEP_DIR = Pattern.compile("step-(\\d{8,18})");
    private static final String TEMP_PREFIX = ".tmp-";
    private static final String OLD_PREFIX = ".old-";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .enable(DeserializationFeature.USE_LONG_FOR_INTS);

    private final Path dir;
    private final int keep;

    /** What a checkpoint is read for: resuming needs every file, inference only the weights and the config. */
    public enum Purpose {
        /** Continue training: weights, optimizer state and {@code state.json}. */
        RESUME,
        /** Sample or evaluate: {@code model.safetensors} (and {@code ema.safetensors} when present). */
        INFERENCE
    }

    /**
     * The checkpoint chosen in a run folder; {@code passedOver} holds, newest first, why each newer step directory
     * could not be used (each message names its file).
     */
    public record Selection(Path dir, Checkpoint checkpoint, List<String> passedOver) {
    }

    /** A store under {@code runDir} keeping the newest 3 checkpoints. */
    public CheckpointStore(Path runDir) {
        this(runDir, 3);
    }

    /** A store under {@code runDir} keeping the newest {@code keep} (>= 1) checkpoints. */
    public CheckpointStore(Path runDir, int keep) {
        this.dir = Objects.requireNonNull(runDir, "runDir").resolve(DIR);
        if (keep < 1) {
            throw new IllegalArgumentException("keep must be >= 1, got " + keep);
        }
        this.keep = keep;
    }

    /** The folder holding the step directories. */
    public Path directory() {
        return dir;
    }

    /** The directory name of {@code step}, e.g. {@code step-00001000}. */
    public static String dirName(long step) {
        return String.format("step-%08d", step);
    }

    /** Saves {@code checkpoint} and removes the oldest beyond {@code keep}; returns its directory. */
    public Path save(Checkpoint checkpoint) throws IOException {
        Objects.requireNonNull(checkpoint, "checkpoint");
        Files.createDirectories(dir);
        String step = Long.toString(checkpoint.step());
        Path tmp = dir.resolve(TEMP_PREFIX + dirName(checkpoint.step()) + "-" + UUID.randomUUID());
        Path target = dir.resolve(dirName(checkpoint.step()));
        Files.createDirectory(tmp);
        try {
            Map<String, String> meta = new LinkedHashMap<>();
            meta.put("format", FORMAT);
            meta.put("step", step);
            Map<String, String> modelMeta = new LinkedHashMap<>(meta);
            modelMeta.put("config", checkpoint.configYaml());
            SafeTensors.write(tmp.resolve(MODEL_FILE), checkpoint.params(), modelMeta);
            SafeTensors.write(tmp.resolve(OPTIMIZER_FILE), checkpoint.optimizer(), meta);
            if (!checkpoint.ema().isEmpty()) {
                SafeTensors.write(tmp.resolve(EMA_FILE), checkpoint.ema(), meta);
            }
            Map<String, Object> state = new LinkedHashMap<>();
            state.put("format", FORMAT);
            state.put("step", checkpoint.step());
            state.put("state", checkpoint.state());
            AtomicFiles.writeString(tmp.resolve(STATE_FILE), JSON.writeValueAsString(state));
            AtomicFiles.syncDirectory(tmp);
            moveIntoPlace(tmp, target);
        } finally {
            if (Files.exists(tmp)) {
                deleteTree(tmp);
            }
        }
        prune();
        return target;
    }

    /** Saves a checkpoint from its parts. */
    public Path save(long step, Map<String, HostTensor> params,
            Map<String, HostTensor> optimizer, Map<String, Object> state, String configYaml)
            throws IOException {
        return save(new Checkpoint(step, params, optimizer, state, configYaml));
    }

    private void moveIntoPlace(Path tmp, Path target) throws IOException {
        Path old = null;
        if (Files.exists(target)) {
            old = dir.resolve(OLD_PREFIX + target.getFileName() + "-" + UUID.randomUUID());
            Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
        }
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
        AtomicFiles.syncDirectory(dir);
        if (old != null) {
            deleteTree(old);
        }
    }

    /** Every complete checkpoint directory, oldest step first (temp and partial directories are ignored). */
    public List<Path> list() throws IOException {
        return stepDirectories().stream().filter(CheckpointStore::isComplete).toList();
    }

    /** The newest complete checkpoint directory, if any. */
    public Optional<Path> latest() throws IOException {
        List<Path> all = list();
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
    }

    /** Loads the newest complete checkpoint, if any. */
    public Optional<Checkpoint> loadLatest() throws IOException {
        Optional<Path> p = latest();
        return p.isPresent() ? Optional.of(load(p.get())) : Optional.empty();
    }

    /** Loads the checkpoint in {@code checkpointDir}; a missing or damaged file is an error naming it. */
    public Checkpoint load(Path checkpointDir) throws IOException {
        return read(checkpointDir);
    }

    /**
     * Loads the checkpoint in {@code checkpointDir} (no store needed): every file, each validated, every tensor
     * finite. A missing or damaged file is a {@link CheckpointException} naming it.
     */
    public static Checkpoint read(Path checkpointDir) throws IOException {
        Checkpoint weights = readWeights(checkpointDir);
        Path optFile = checkpointDir.resolve(OPTIMIZER_FILE);
        SafeTensorsFile opt = SafeTensors.read(optFile);
        requireFormat(optFile, opt.metadata().get("format"));
        SafeTensors.requireFinite(optFile, opt.tensors());
        Path stateFile = checkpointDir.resolve(STATE_FILE);
        Map<String, Object> json = readState(stateFile);
        requireFormat(stateFile, json.get("format"));
        if (!(json.get("step") instanceof Long step) || step < 0) {
            throw new CheckpointException(stateFile, "'step' must be a non-negative integer, got " + json.get("step"));
        }
        if (step != weights.step()) {
            throw new CheckpointException(checkpointDir.resolve(MODEL_FILE), "metadata step " + weights.step()
                    + " does not match step " + step + " in " + STATE_FILE);
        }
        Object state = json.getOrDefault("state", Map.of());
        if (!(state instanceof Map<?, ?>)) {
            throw new CheckpointException(stateFile, "'state' must be a JSON object");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> stateMap = (Map<String, Object>) state;
        return new Checkpoint(weights.step(), weights.params(), opt.tensors(), weights.ema(), stateMap,
                weights.configYaml());
    }

    /**
     * Loads only what inference needs from {@code checkpointDir}: {@code model.safetensors} (weights, step and
     * config from its metadata) and {@code ema.safetensors} when present, each validated and finite. The optimizer
     * state and {@code state.json} are not read, so damage there does not block sampling; the returned checkpoint's
     * {@code optimizer} and {@code state} are empty.
     */
    public static Checkpoint readWeights(Path checkpointDir) throws IOException {
        Objects.requireNonNull(checkpointDir, "checkpointDir");
        if (!Files.isDirectory(checkpointDir)) {
            throw new CheckpointException(checkpointDir, "not a checkpoint directory (it does not exist or is a file)");
        }
        Path modelFile = checkpointDir.resolve(MODEL_FILE);
        SafeTensorsFile model = SafeTensors.read(modelFile);
        requireFormat(modelFile, model.metadata().get("format"));
        long step = metadataStep(modelFile, model.metadata().get("step"));
        String config = model.metadata().get("config");
        if (config == null) {
            throw new CheckpointException(modelFile, "metadata has no 'config'");
        }
        SafeTensors.requireFinite(modelFile, model.tensors());
        Path emaFile = checkpointDir.resolve(EMA_FILE);
        Map<String, HostTensor> ema = Map.of();
        if (Files.exists(emaFile)) {
            SafeTensorsFile averaged = SafeTensors.read(emaFile);
            requireFormat(emaFile, averaged.metadata().get("format"));
            if (!averaged.tensors().keySet().equals(model.tensors().keySet())) {
                throw new CheckpointException(emaFile, "names different tensors than " + MODEL_FILE);
            }
            SafeTensors.requireFinite(emaFile, averaged.tensors());
            ema = averaged.tensors();
        }
        return new Checkpoint(step, model.tensors(), Map.of(), ema, Map.of(), config);
    }

    /** Reads {@code checkpointDir} with what {@code purpose} needs: everything, or only the weights and config. */
    public static Checkpoint read(Path checkpointDir, Purpose purpose) throws IOException {
        return purpose == Purpose.RESUME ? read(checkpointDir) : readWeights(checkpointDir);
    }

    /**
     * The newest step directory usable for {@code purpose}, with every newer one passed over and why (empty when
     * the newest is fine). Empty when the run has no step directory at all; when none is usable, the newest one's
     * problem is thrown.
     */
    public Optional<Selection> newestUsable(Purpose purpose) throws IOException {
        List<Path> dirs = stepDirectories();
        List<String> passedOver = new ArrayList<>();
        CheckpointException newestProblem = null;
        for (int i = dirs.size() - 1; i >= 0; i--) {
            try {
                return Optional.of(new Selection(dirs.get(i), read(dirs.get(i), purpose), List.copyOf(passedOver)));
            } catch (CheckpointException e) {
                passedOver.add(e.getMessage());
                newestProblem = newestProblem == null ? e : newestProblem;
            }
        }
        if (newestProblem != null) {
            throw new CheckpointException(newestProblem.file(), problemOf(newestProblem) + (dirs.size() > 1
                    ? " (and the " + (dirs.size() - 1) + " older checkpoint(s) in " + dir + " are unusable too)"
                    : ""), newestProblem);
        }
        return Optional.empty();
    }

    /** Every {@code step-N} directory, complete or not, oldest step first (temp directories are not included). */
    public List<Path> stepDirectories() throws IOException {
        List<Path> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path p : ds) {
                if (stepOf(p) >= 0 && Files.isDirectory(p)) {
                    out.add(p);
                }
            }
        }
        out.sort(Comparator.comparingLong(CheckpointStore::stepOf));
        return out;
    }

    private static String problemOf(CheckpointException e) {
        String prefix = e.file() + ": ";
        return e.getMessage().startsWith(prefix) ? e.getMessage().substring(prefix.length()) : e.getMessage();
    }

    private static long metadataStep(Path modelFile, String step) throws CheckpointException {
        try {
            long s = Long.parseLong(String.valueOf(step));
            if (s >= 0) {
                return s;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new CheckpointException(modelFile, "metadata 'step' must be a non-negative integer, got " + step);
    }

    private static Map<String, Object> readState(Path file) throws IOException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new CheckpointException(file, "no such file", e);
        } catch (IOException e) {
            throw new CheckpointException(file, "cannot read: " + e, e);
        }
        try {
            Map<String, Object> m = JSON.readValue(text, new TypeReference<LinkedHashMap<String, Object>>() { });
            if (m == null) {
                throw new CheckpointException(file, "empty state file");
            }
            return m;
        } catch (JsonProcessingException e) {
            throw new CheckpointException(file, "not a valid JSON object: " + e.getOriginalMessage(), e);
        }
    }

    private static void requireFormat(Path file, Object format) throws CheckpointException {
        if (!FORMAT.equals(format)) {
            throw new CheckpointException(file, "format is " + (format == null ? "missing" : "'" + format + "'")
                    + ", expected '" + FORMAT + "'");
        }
    }

    /** Removes checkpoints beyond the newest {@code keep}, and temp directories left by crashed saves. */
    private void prune() throws IOException {
        List<Path> all = list();
        for (int i = 0; i < all.size() - keep; i++) {
            deleteTree(all.get(i));
        }
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path p : ds) {
                String n = p.getFileName().toString();
                if (n.startsWith(TEMP_PREFIX) || n.startsWith(OLD_PREFIX)) {
                    deleteTree(p);
                }
            }
        }
    }

    private static long stepOf(Path p) {
        Matcher m = STEP_DIR.matcher(p.getFileName().toString());
        return m.matches() ? Long.parseLong(m.group(1)) : -1;
    }

    private static boolean isComplete(Path p) {
        return Files.isRegularFile(p.resolve(MODEL_FILE)) && Files.isRegularFile(p.resolve(OPTIMIZER_FILE))
                && Files.isRegularFile(p.resolve(STATE_FILE));
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (var walk = Files.walk(root)) {
            List<Path> paths = walk.sorted(Comparator.reverseOrder()).toList();
            for (Path p : paths) {
                Files.deleteIfExists(p);
            }
        }
    }
}
