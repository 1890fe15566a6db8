package dev.transfusion.cli;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.util.Arrays;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns a failure into one clear line on stderr and exit code 1; the stack trace only with {@code --verbose}
 * (any subcommand) or {@code -Dtransfusion.verbose=true}.
 */
final class OneLineErrors implements IExecutionExceptionHandler {
    private static final String OUR_PACKAGE = "dev.transfusion.";

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

    /**
     * The one line for {@code ex}. Our own messages name the file, key or flag already and pass through; a
     * library's message (a JDK file error, Jackson, a backend) is framed with what it is and where it came from,
     * so no bare "line: 1" or "Cannot invoke ... because ... is null" reaches the user unexplained.
     */
    static String describe(Throwable ex) {
        Throwable t = ex;
        // Wrappers that add nothing (no message, or just their cause's toString) give way to the cause.
        while (t.getCause() != null && (blank(t.getMessage()) || t.getMessage().equals(t.getCause().toString()))) {
            t = t.getCause();
        }
        // A file error's message is only its path, whoever threw it: always say what went wrong with the file.
        String msg = ours(t) && !(t instanceof FileSystemException) ? t.getMessage() : framed(t);
        return msg.replace('\n', ' ');
    }

    /** True when the project threw {@code t} with its own message (its class or its throwing frame is ours). */
    private static boolean ours(Throwable t) {
        if (blank(t.getMessage())) {
            return false;
        }
        StackTraceElement[] at = t.getStackTrace();
        return t.getClass().getName().startsWith(OUR_PACKAGE)
                || at.length > 0 && at[0].getClassName().startsWith(OUR_PACKAGE);
    }

    private static String framed(Throwable t) {
        if (t instanceof NoSuchFileException f) {
            return "no such file: " + f.getFile();
        }
        if (t instanceof AccessDeniedException f) {
            return "permission denied: " + f.getFile();
        }
        if (t instanceof FileAlreadyExistsException f) {
            return "already exists: " + f.getFile();
        }
        if (t instanceof FileSystemException f) {
            return f.getFile() + ": " + (f.getReason() != null ? f.getReason() : t.getClass().getSimpleName());
        }
        StackTraceElement[] at = t.getStackTrace();
        String where = at.length > 0 ? " in " + at[0].getClassName() : "";
        String what = blank(t.getMessage()) ? "" : ": " + t.getMessage();
        if (t instanceof IOException) {
            return "I/O error (" + t.getClass().getSimpleName() + where + ")" + what;
        }
        return "unexpected " + t.getClass().getSimpleName() + where + what + " (a bug: please report it with the "
                + "--verbose stack trace)";
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
