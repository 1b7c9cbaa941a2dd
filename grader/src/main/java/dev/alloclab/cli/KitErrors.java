package dev.alloclab.cli;

import dev.alloclab.core.KitException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Failures during a command's work. A {@link KitException}, an {@link IllegalArgumentException} or an
 * {@link java.io.UncheckedIOException} is about the user's input or files (the kit writes their messages to
 * be read): print the message and exit 2. Anything else is a bug in alloclab: print the stack trace so it can
 * be reported, and exit {@link ExitCodes#INTERNAL_ERROR} (70, {@code EX_SOFTWARE} of BSD's sysexits).
 */
final class KitErrors implements IExecutionExceptionHandler {
    static final int INTERNAL_ERROR = ExitCodes.INTERNAL_ERROR;

    /**
     * What to say when the JVM's heap ran out (a trace of millions of operations is held in memory, about 100
     * bytes each, and a container's default JVM heap is a quarter of its memory): the limit, and how to raise it.
     * Exit 2: the input is too big for this JVM, nothing in it is wrong.
     */
    static int outOfMemory(java.io.PrintStream err) {
        long megabytes = Runtime.getRuntime().maxMemory() >> 20;
        err.println("alloclab: the Java heap ran out of memory (this JVM may use " + megabytes + " MB): the input is "
                + "too big for it. Give it more, e.g. ALLOCLAB_JAVA_OPTS=-Xmx" + Math.max(1, 2 * megabytes / 1024 + 1)
                + "g ./alloclab ... (a trace needs about 100 bytes per operation), or split the input.");
        err.flush();
        return ExitCodes.BAD_INPUT;
    }

    @Override
    public int handleExecutionException(Exception ex, CommandLine commandLine, ParseResult parseResult) {
        PrintWriter err = commandLine.getErr();
        String command = commandLine.getCommandName();
        if (ex instanceof KitException || ex instanceof IllegalArgumentException
                || ex instanceof java.io.UncheckedIOException) {
            err.println(command + ": " + ex.getMessage());
            err.flush();
            return ExitCodes.BAD_INPUT;
        }
        err.println(command + ": internal error in alloclab (please report it with the lines below):");
        ex.printStackTrace(err);
        err.flush();
        return INTERNAL_ERROR;
    }
}
