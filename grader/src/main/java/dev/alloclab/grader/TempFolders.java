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
    /** The folders {@link #deletedAtExit} registered and nobody deleted yet. */
    private static final java.util.Set<Path> AT_EXIT = java.util.concurrent.ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> AT_EXIT.forEach(TempFolders::deleteQuietly),
                "alloclab temp folders"));
    }

    private TempFolders() {
    }

    /**
     * Registers {@code root} to be deleted when the JVM ends, if it still exists then: a {@code grade-all} stopped
     * with Ctrl-C ends without its graders' {@code finally} blocks, and left each running submission's compiled
     * classes in the temp directory. {@link #deleteQuietly} forgets the folder again.
     */
    public static Path deletedAtExit(Path root) {
        AT_EXIT.add(root);
        return root;
    }

    /** Deletes {@code root} and everything under it, as far as it can; a missing folder is fine. */
    public static void deleteQuietly(Path root) {
        AT_EXIT.remove(root);
        try (Stream<Path> walk = Files.walk(root)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // a temp folder left behind is harmless
        }
    }
}
