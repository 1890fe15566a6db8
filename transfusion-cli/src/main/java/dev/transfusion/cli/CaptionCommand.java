package dev.transfusion.cli;

import dev.transfusion.core.generate.TextOptions;
import dev.transfusion.core.runtime.TrainedModel;
import dev.transfusion.data.Images;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code caption --checkpoint DIR IMAGE...}: one caption per image. */
@Command(name = "caption", mixinStandardHelpOptions = true, description = "Caption images (PNG/JPEG).")
final class CaptionCommand implements Callable<Integer> {
    @Option(names = "--checkpoint", required = true, description = "Run folder or checkpoint folder.")
    Path checkpoint;

    @Option(names = "--max-tokens", defaultValue = "64", description = "Longest caption in tokens.")
    int maxTokens;

    @Option(names = "--verbose", description = "Show stack traces on errors.")
    boolean verbose;

    @Parameters(arity = "1..*", paramLabel = "IMAGE", description = "Images to caption.")
    List<Path> images;

    @Override
    public Integer call() throws Exception {
        try (TrainedModel m = TrainedModel.load(checkpoint, List.of())) {
            int size = m.experiment().config().image().size();
            for (Path p : images) {
                String caption = m.generator().caption(Images.read(p, size), TextOptions.greedy(maxTokens));
                System.out.println(p + "\t" + caption);
            }
        }
        return 0;
    }
}
