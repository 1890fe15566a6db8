package dev.transfusion.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.transfusion.backend.ParameterStore;
import dev.transfusion.core.checkpoint.Checkpoint;
import dev.transfusion.core.checkpoint.CheckpointStore;
import dev.transfusion.core.checkpoint.SafeTensors;
import dev.transfusion.core.config.ConfigLoader;
import dev.transfusion.core.generate.DecodeSession;
import dev.transfusion.core.generate.Generator;
import dev.transfusion.core.runtime.Experiment;
import dev.transfusion.tensor.HostTensor;
import dev.transfusion.tensor.Shape;
import dev.transfusion.tokenizer.SpecialTokens;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * examples/pytorch/transfusion_reference.py, plain PyTorch, reproduces a trained checkpoint's next-token logits and
 * denoiser output: the same inputs go through our generator's decoding session and through the reference.
 * Runs where python3 can import torch (Debian: apt-get install -y python3-torch), else is skipped saying so.
 */
class PyTorchReferenceTest {
    static final double TOLERANCE = 1e-4;

    @Test
    void theReferenceReproducesLogitsAndDenoiserOutput(@TempDir Path tmp) throws Exception {
        check(tmp);
    }

    @Test
    void theReferenceReproducesOverlappingWindowsGridPositionsAndTiedEmbeddings(@TempDir Path tmp) throws Exception {
        check(tmp, "image.encoder.overlap=2", "model.patch_positions=grid", "model.tie_embeddings=true");
    }

    /** Trains the tiny config with {@code overrides} and compares our outputs with the reference's. */
    private static void check(Path tmp, String... overrides) throws Exception {
        Optional<String> python = pythonWithTorch();
        Assumptions.assumeTrue(python.isPresent(), "python3-torch is not installed (no python3 on PATH or "
                + "/usr/bin/python3 can import torch); install it with: apt-get install -y python3-torch");
        Path script = repoRoot().resolve("examples/pytorch/transfusion_reference.py");

        Path runDir = tmp.resolve("run");
        List<String> args = new ArrayList<>(List.of("train", "--config", "tiny", "--out", runDir.toString(),
                "train.steps=8", "train.lr=3.0e-2", "--no-tensorboard"));
        args.addAll(List.of(overrides));
        CliTest.Run train = CliTest.run(args.toArray(String[]::new));
        assertThat(train.code()).as(train.err()).isZero();
        Path ckptDir = new CheckpointStore(runDir).latest().orElseThrow();
        Checkpoint ckpt = CheckpointStore.read(ckptDir);

        Map<String, HostTensor> io = new LinkedHashMap<>();
        try (Experiment e = Experiment.create(ConfigLoader.parse(ckpt.configYaml(), "checkpoint", List.of()),
                Path.of("."));
             ParameterStore params = e.loadParameters(ckpt.params());
             Generator g = e.generator(params, 64);
             DecodeSession s = g.openSession(1)) {
            SpecialTokens sp = e.tokenizer().specials();
            List<Integer> ids = new ArrayList<>(List.of(sp.bos()));
            for (int id : e.tokenizer().encode("a small red circle")) {
                ids.add(id);
            }
            ids.add(sp.boi());
            int vocab = -1;
            List<float[]> logits = new ArrayList<>();
            for (int id : ids) {
                HostTensor l = s.appendToken(new int[] {id}, new boolean[] {true});
                vocab = l.shape().dimInt(1);
                logits.add(l.floats());
            }
            var latent = e.model().latent();
            Shape noisyShape = Shape.of(1, latent.channels(), latent.size(), latent.size());
            float[] noise = new float[Math.toIntExact(noisyShape.size())];
            Random rng = new Random(3);
            for (int i = 0; i < noise.length; i++) {
                noise[i] = (float) rng.nextGaussian();
            }
            float time = (float) e.objective().modelTime(400);
            HostTensor pred = s.runImage(HostTensor.floats(noisyShape, noise), new float[] {time},
                    e.model().patchesPerImage(), false);

            float[] tokens = new float[ids.size()];
            float[] flat = new float[ids.size() * vocab];
            for (int i = 0; i < ids.size(); i++) {
                tokens[i] = ids.get(i);
                System.arraycopy(logits.get(i), 0, flat, i * vocab, vocab);
            }
            io.put("tokens", HostTensor.floats(Shape.of(ids.size()), tokens));
            io.put("noisy", HostTensor.floats(noisyShape, noise));
            io.put("time", HostTensor.floats(Shape.of(1), new float[] {time}));
            io.put("logits", HostTensor.floats(Shape.of(ids.size(), vocab), flat));
            io.put("pred", pred);
        }
        Path inputs = tmp.resolve("inputs.safetensors");
        Path outputs = tmp.resolve("outputs.safetensors");
        SafeTensors.write(inputs, io, Map.of());

        Process p = new ProcessBuilder(python.get(), script.toString(), ckptDir.toString(), inputs.toString(),
                outputs.toString(), "--tolerance", Double.toString(TOLERANCE)).redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(5, TimeUnit.MINUTES)).as(log).isTrue();
        System.out.println("PyTorch reference: " + log.strip().replace('\n', ';'));
        assertThat(p.exitValue()).as(log).isZero();

        Map<String, HostTensor> torch = SafeTensors.read(outputs).tensors();
        for (String name : List.of("logits", "pred")) {
            float[] ours = io.get(name).floats();
            float[] theirs = torch.get(name).floats();
            assertThat(torch.get(name).shape()).isEqualTo(io.get(name).shape());
            double maxDiff = 0;
            double maxAbs = 0;
            for (int i = 0; i < ours.length; i++) {
                maxDiff = Math.max(maxDiff, Math.abs(ours[i] - theirs[i]));
                maxAbs = Math.max(maxAbs, Math.abs(ours[i]));
            }
            // values well above the tolerance, so agreement within it is a real check and not two near-zero tensors
            assertThat(maxAbs).as(name + " magnitude").isGreaterThan(100 * TOLERANCE);
            assertThat(maxDiff).as(name + " max |java - pytorch|; " + log).isLessThanOrEqualTo(TOLERANCE);
        }
    }

    /** A python3 that can import torch: the one on PATH, else Debian's. */
    static Optional<String> pythonWithTorch() {
        for (String candidate : List.of("python3", "/usr/bin/python3")) {
            try {
                Process p = new ProcessBuilder(candidate, "-c", "import torch").redirectErrorStream(true).start();
                p.getInputStream().readAllBytes();
                if (p.waitFor(2, TimeUnit.MINUTES) && p.exitValue() == 0) {
                    return Optional.of(candidate);
                }
            } catch (IOException e) {
                // not installed under this name: try the next
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    private static Path repoRoot() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("examples/pytorch"))) {
                return p;
            }
        }
        throw new IllegalStateException("examples/pytorch not found above " + Path.of("").toAbsolutePath());
    }
}
