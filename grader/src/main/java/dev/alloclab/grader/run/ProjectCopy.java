package dev.alloclab.grader.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The grading JVM's working folder: a copy of the submission's {@code src/} tree inside the grading folder.
 *
 * <p>Surefire runs a student's tests with the project folder as working folder and the system property
 * {@code basedir} set to it, so an own test that reads {@code new File("src/test/resources/cases.txt")} or
 * {@code Path.of(System.getProperty("basedir"), "src/test/resources/cases.txt")} is green under {@code mvn test}.
 * The grading JVM runs in this copy, with {@code basedir} naming it, so those paths resolve the same way. It is a
 * copy, never the submission folder itself: {@code grade-all} keys its stored results by the submission's hash, and
 * student code must not be able to change what was graded. What the student's {@code pom.xml} configures
 * ({@code systemPropertyVariables}, extra {@code testResources}) is not applied: the grader never reads the pom.
 *
 * <p>Only regular files are copied, never through a symbolic link (it could lead to another student's work),
 * and at most {@link #MAX_FILES} files and {@link #MAX_BYTES} bytes: the rest is left out, as the submission's
 * reader leaves out files past its own budget.
 *
 * <p>INTERNAL.
 */
final class ProjectCopy {
    /** Files copied at most (the starter has about 40 under src/). */
    static final int MAX_FILES = 1000;
    /** Bytes copied at most. */
    static final long MAX_BYTES = 8L * 1024 * 1024;
    /** The folder inside the grading folder that holds the copy (and is the grading JVM's working folder). */
    static final String FOLDER = "project";

    private ProjectCopy() {
    }

    /**
     * Copies {@code project/src} into {@code workDir/project/src} (once: a later call finds it made) and returns
     * {@code workDir/project}. A submission without {@code src/} gets an empty folder.
     */
    static Path into(Path workDir, Path project) {
        Path target = workDir.toAbsolutePath().resolve(FOLDER);
        if (Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
            return target;
        }
        try {
            Files.createDirectories(target);
            Path source = project.resolve("src");
            if (!Files.isDirectory(source, LinkOption.NOFOLLOW_LINKS)) {
                return target;
            }
            List<Path> files;
            try (Stream<Path> walk = Files.walk(source)) { // Files.walk never follows links unless told to
                files = walk.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)).sorted().toList();
            }
            int copied = 0;
            long bytes = 0;
            for (Path file : files) {
                try {
                    long size = Files.size(file);
                    if (copied >= MAX_FILES || bytes + size > MAX_BYTES) {
                        continue; // past the budget: a smaller file later may still fit
                    }
                    Path to = target.resolve("src").resolve(source.relativize(file));
                    Files.createDirectories(to.getParent());
                    Files.copy(file, to, LinkOption.NOFOLLOW_LINKS);
                    copied++;
                    bytes += size;
                } catch (IOException e) {
                    // an unreadable file is left out, as the submission's reader leaves it out
                }
            }
            return target;
        } catch (IOException | UncheckedIOException e) {
            // an unreadable folder: the grading JVM still runs, in what was copied
            return target;
        }
    }
}
