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

    /** picocli's message with Java's type names said as a learner would: "'abc' is not a whole number". */
    static String inKitWords(String message) {
        return message == null ? "" : message.replaceAll("' is not an? (int|long|Integer|Long)\\b", "' is not a whole number");
    }
}
