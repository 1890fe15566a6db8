package dev.transfusion.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code transfusion} command line: train, generate, caption, eval, ablate, components, bench, quickstart. */
@Command(name = "transfusion", mixinStandardHelpOptions = true, version = "transfusion 0.1.0",
        description = "Train and run Transfusion models (next-token text + diffusion images in one transformer).",
        subcommands = {QuickstartCommand.class, TrainCommand.class, GenerateCommand.class, CaptionCommand.class,
                TrainVaeCommand.class, EvalCommand.class, AblateCommand.class,
                ComponentsCommand.class, dev.transfusion.cli.bench.BenchCommand.class, CommandLine.HelpCommand.class})
public final class TransfusionCli implements Runnable {
    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    /** Runs the CLI and exits with its code. */
    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the CLI and returns its exit code (tests call this). */
    public static int execute(String... args) {
        System.setProperty("ai.djl.offline", "true");
        CommandLine cli = new CommandLine(new TransfusionCli());
        cli.setExecutionExceptionHandler(new OneLineErrors());
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        return cli.execute(args);
    }
}
