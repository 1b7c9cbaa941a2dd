package dev.alloclab.cli;

import dev.alloclab.grader.FileNames;
import dev.alloclab.grader.StudentText;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import picocli.CommandLine.TypeConversionException;

/**
 * A file or folder named on the command line. Java turns the name into a {@link Path} in the locale's charset, and
 * under a non-UTF-8 locale ({@code LANG=C}: Docker images, Gradescope) a name with a letter such as {@code Ü} cannot
 * be turned into one. picocli's own message for that was {@code cannot convert '...' to interface java.nio.file.Path
 * (java.nio.file.InvalidPathException ...)}: this says why, and what to do, in one sentence.
 */
final class PathArguments {
    private PathArguments() {
    }

    static Path of(String argument) {
        try {
            return Path.of(argument);
        } catch (InvalidPathException e) {
            String hint = FileNames.localeHint();
            throw new TypeConversionException("'" + StudentText.line(argument) + "' cannot be a file name here ("
                    + e.getReason() + ")" + (hint.isEmpty() ? "" : hint) + ".");
        }
    }
}
