package dev.alloclab.grader;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Removing the temp folders the grader and the bench write (compiled classes, the worker's jar copy,
 * traces handed to the C replayer). Quietly: a folder left behind in the temp directory is harmless,
 * and failing to tidy up must never cost a grade or a measurement.
 */
public final class TempFolders {
    private TempFolders() {
    }

    /** Deletes {@code root} and everything under it, as far as it can; a missing folder is fine. */
    public static void deleteQuietly(Path root) {
        try (Stream<Path> walk = Files.walk(root)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // a temp folder left behind is harmless
        }
    }
}
