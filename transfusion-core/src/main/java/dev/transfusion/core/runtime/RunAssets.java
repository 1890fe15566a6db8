package dev.transfusion.core.runtime;

import dev.transfusion.core.config.DiffusionConfig;
import dev.transfusion.core.config.ExperimentConfig;
import dev.transfusion.core.config.ImageConfig;
import dev.transfusion.core.plugin.PluginRegistry;
import dev.transfusion.plugin.ComponentFactory;
import dev.transfusion.plugin.ComponentSpec;
import dev.transfusion.plugin.PluginKind;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;

/**
 * Makes a run folder stand alone: the files that the inference components read (a tokenizer's {@code tokenizer.json},
 * a VAE codec's checkpoint folder — whatever their factories list in {@link ComponentFactory#fileParams()}) are
 * copied into {@code RUN/assets/<config path>/} and the config the run records points at those copies, relative to
 * the run folder. A trained model is then loaded with the run folder as its base, so moving or shipping the folder
 * is all an application needs. Training data is not copied: inference never reads it.
 */
final class RunAssets {
    /** The folder inside a run that holds the copied files. */
    static final String DIR = "assets";

    private RunAssets() {
    }

    /**
     * The config to record for a run in {@code runDir}, after copying the files its inference components name
     * (resolved against {@code baseDir}) into the run's assets folder. Paths that already point into the run folder
     * (a resumed run) are kept as they are.
     */
    static ExperimentConfig bundle(ExperimentConfig config, PluginRegistry registry, Path baseDir, Path runDir)
            throws IOException {
        Objects.requireNonNull(config, "config");
        Bundler b = new Bundler(registry, baseDir, runDir);
        ImageConfig image = config.image();
        DiffusionConfig d = config.diffusion();
        return new ExperimentConfig(config.seed(), config.backend(), config.model(),
                b.bundle(PluginKinds.TOKENIZER, config.tokenizer()),
                new ImageConfig(image.size(), image.channels(), b.bundle(PluginKinds.LATENT_CODEC, image.codec()),
                        b.bundle(PluginKinds.MODALITY_ENCODER, image.encoder())),
                b.bundle(PluginKinds.ATTENTION_MASK, config.attention()),
                new DiffusionConfig(b.bundle(PluginKinds.NOISE_SCHEDULE, d.schedule()),
                        b.bundle(PluginKinds.DIFFUSION_OBJECTIVE, d.objective()), d.lossWeight(), d.noiseLimit(),
                        d.timestepSampling(), d.inputBlur()),
                b.bundle(PluginKinds.SAMPLER, config.sampler()), config.data(), config.train());
    }

    /** Copies one component's files and rewrites its file params. */
    private record Bundler(PluginRegistry registry, Path baseDir, Path runDir) {
        ComponentSpec bundle(PluginKind<? extends ComponentFactory<?>> kind, ComponentSpec spec) throws IOException {
            ComponentFactory<?> factory = registry.factory(kind, spec);
            ComponentSpec out = spec;
            for (String key : factory.fileParams()) {
                String value = spec.getString(key, null);
                if (value == null || value.isBlank()) {
                    continue;
                }
                Path source = baseDir.resolve(value).toAbsolutePath().normalize();
                Path run = runDir.toAbsolutePath().normalize();
                if (source.startsWith(run)) {
                    out = out.with(key, run.relativize(source).toString());
                    continue;
                }
                if (!Files.exists(source)) {
                    throw spec.error(key, "no such file or folder: " + source);
                }
                Path relative = Path.of(DIR, spec.path(), source.getFileName().toString());
                copy(source, run.resolve(relative));
                out = out.with(key, relative.toString());
            }
            return out;
        }
    }

    /** Copies a file or a folder tree, replacing what is there (the copy is what the recorded config names). */
    private static void copy(Path source, Path target) throws IOException {
        Files.createDirectories(target.getParent());
        if (!Files.isDirectory(source)) {
            Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
            return;
        }
        Files.walkFileTree(source, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                Files.createDirectories(target.resolve(source.relativize(dir).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.copy(file, target.resolve(source.relativize(file).toString()),
                        StandardCopyOption.REPLACE_EXISTING);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
