package dev.alloclab.cli;

import dev.alloclab.core.KitException;
import dev.alloclab.core.trace.ParseMode;
import dev.alloclab.core.trace.Trace;
import dev.alloclab.core.trace.TraceComments;
import dev.alloclab.core.trace.TraceSuite;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A TRACE argument: the path of a {@code .rep} file, or else the name of a bundled trace
 * ({@code random-1}, {@code teaching/leak}, with or without {@code .rep}).
 */
final class TraceArgument {
    private TraceArgument() {
    }

    static Trace load(String argument, ParseMode mode) {
        Path file = Path.of(argument);
        if (Files.isRegularFile(file)) {
            return Trace.read(file, mode);
        }
        String name = argument.endsWith(".rep") ? argument.substring(0, argument.length() - 4) : argument;
        if (TraceSuite.names().contains(name)) {
            return Trace.bundled(name);
        }
        if (Files.isDirectory(file)) {
            throw new KitException("'" + argument + "' is a folder, and replay takes one trace. Pass one of its .rep "
                    + "files, or measure them all: ./alloclab bench --traces " + argument);
        }
        throw new KitException("'" + argument + "' is neither a trace file nor a bundled trace. Pass the path of a "
                + ".rep file, or one of: " + String.join(", ", TraceSuite.names()) + " (see './alloclab traces list').");
    }

    /** The comments of the trace {@link #load} read for {@code argument} (none if it has none). */
    static TraceComments comments(String argument) {
        Path file = Path.of(argument);
        if (Files.isRegularFile(file)) {
            return TraceComments.read(file);
        }
        return TraceComments.bundled(argument.endsWith(".rep") ? argument.substring(0, argument.length() - 4) : argument);
    }
}
