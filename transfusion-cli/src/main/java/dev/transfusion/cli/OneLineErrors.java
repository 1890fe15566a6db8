package dev.transfusion.cli;

import java.util.Arrays;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns a failure into one clear line on stderr and exit code 1; the stack trace only with {@code --verbose}
 * (any subcommand) or {@code -Dtransfusion.verbose=true}.
 */
final class OneLineErrors implements IExecutionExceptionHandler {
    @Override
    public int handleExecutionException(Exception ex, CommandLine cmd, ParseResult parsed) {
        boolean verbose = Boolean.getBoolean("transfusion.verbose")
                || Arrays.asList(parsed.originalArgs().toArray(new String[0])).contains("--verbose");
        if (verbose) {
            ex.printStackTrace(System.err);
        }
        cmd.getErr().println("error: " + describe(ex));
        if (!verbose) {
            cmd.getErr().println("(run with --verbose for the stack trace)");
        }
        return 1;
    }

    static String describe(Throwable ex) {
        Throwable t = ex;
        while ((t.getMessage() == null || t.getMessage().isBlank()) && t.getCause() != null) {
            t = t.getCause();
        }
        String msg = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        return msg.replace('\n', ' ');
    }
}
