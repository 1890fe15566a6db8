package dev.transfusion.cli;

import java.util.Arrays;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;

/**
 * The {@code transfusion} command line: train, generate, caption, eval, ablate, components, bench, quickstart, and
 * {@code generate-completion} (prints a bash/zsh completion script: {@code source <(./transfusion generate-completion)}).
 */
@Command(name = "transfusion", mixinStandardHelpOptions = true, versionProvider = TransfusionCli.Version.class,
        description = "Train and run Transfusion models (next-token text + diffusion images in one transformer).",
        subcommands = {QuickstartCommand.class, TrainCommand.class, GenerateCommand.class, CaptionCommand.class,
                TrainVaeCommand.class, EvalCommand.class, AblateCommand.class,
                ComponentsCommand.class, dev.transfusion.cli.bench.BenchCommand.class, CommandLine.HelpCommand.class,
                AutoComplete.GenerateCompletion.class})
public final class TransfusionCli implements Runnable {
    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    /** {@code --version}: the release and the Java runtime it runs on. */
    static final class Version implements IVersionProvider {
        /** The release. */
        static final String RELEASE = "0.1.0";

        @Override
        public String[] getVersion() {
            return new String[] {"transfusion " + RELEASE, "Java " + System.getProperty("java.version") + " ("
                    + System.getProperty("java.vendor") + ", " + System.getProperty("os.arch") + ")"};
        }
    }

    /** Runs the CLI and exits with its code. */
    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the CLI and returns its exit code (tests call this). */
    public static int execute(String... args) {
        System.setProperty("ai.djl.offline", "true");
        if (Arrays.asList(args).contains("--verbose")) {
            // library log lines hidden by default (simplelogger.properties) come back with --verbose
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "info");
            System.setProperty("org.slf4j.simpleLogger.log.ai.djl.util.cuda.CudaUtils", "info");
        }
        CommandLine cli = new CommandLine(new TransfusionCli());
        cli.setExecutionExceptionHandler(new OneLineErrors());
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        return cli.execute(args);
    }
}
