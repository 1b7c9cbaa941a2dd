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
