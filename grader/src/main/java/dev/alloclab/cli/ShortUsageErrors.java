package dev.alloclab.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/** Bad command lines: the message, a suggestion when picocli has one, and where to find help. */
final class ShortUsageErrors implements IParameterExceptionHandler {
    @Override
    public int handleParseException(ParameterException ex, String[] args) {
        CommandLine cmd = ex.getCommandLine();
        PrintWriter err = cmd.getErr();
        err.println(cmd.getCommandName() + ": " + inKitWords(ex.getMessage()));
        if (!UnmatchedArgumentException.printSuggestions(ex, err)) {
            // nothing to suggest
            err.print("");
        }
        err.println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help' for more information.");
        err.flush();
        return ExitCodes.BAD_INPUT;
    }

    /**
     * picocli's message with Java's type names said as a learner would: "'abc' is not a whole number", and a whole
     * number past the type's range "is too far from 0 (at most 2147483647 either way)" rather than "not an int".
     */
    static String inKitWords(String message) {
        if (message == null) {
            return "";
        }
        String ranged = message
                .replaceAll("'(-?\\d+)' is not an? (int|Integer)\\b", "'$1' is too far from 0 (at most " + Integer.MAX_VALUE
                        + " either way)")
                .replaceAll("'(-?\\d+)' is not an? (long|Long)\\b", "'$1' is too far from 0 (at most " + Long.MAX_VALUE
                        + " either way)");
        return ranged.replaceAll("' is not an? (int|long|Integer|Long)\\b", "' is not a whole number");
    }
}
