package dev.alloclab.grader;

import static org.assertj.core.api.Assertions.assertThat;

import dev.alloclab.grader.rubric.Rubric;
import dev.alloclab.grader.rubric.RubricLoader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import dev.alloclab.testing.KitRoot;

/** The kit's own exercises/ and solutions/ folders as submissions, and copies of them patched by tests. */
final class KitSubmissions {
    private KitSubmissions() {
    }

    static Path root() {
        return KitRoot.path();
    }

    /** The folder, or the test is skipped with a sentence when the curriculum has not landed yet. */
    static Path kitFolder(String module) {
        Path folder = root().resolve(module);
        Assumptions.assumeTrue(Files.isDirectory(folder.resolve("src/main/java/dev/alloclab/exercises")),
                () -> module + "/src/main/java/dev/alloclab/exercises does not exist yet: the curriculum has not landed");
        return folder;
    }

    /** A copy of the solutions' src/ in a temp folder. */
    static Path copyOfSolutions(Path tempRoot, String name) {
        Path target = tempRoot.resolve(name);
        copyTree(kitFolder("solutions").resolve("src"), target.resolve("src"));
        return target;
    }

    /** Replaces {@code old} by {@code replacement} in one file of a submission; fails if {@code old} is absent. */
    static void patch(Path submission, String file, String old, String replacement) {
        Path path = submission.resolve("src/main/java/dev/alloclab/exercises").resolve(file);
        try {
            String text = Files.readString(path);
            assertThat(text).as("the bug's patch no longer applies to %s: update the bug collection", file).contains(old);
            Files.writeString(path, text.replace(old, replacement));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes {@code bytes} to {@code relative} (from the submission's root), creating folders. */
    static Path write(Path submission, String relative, byte[] bytes) {
        try {
            Path file = submission.resolve(relative);
            Files.createDirectories(file.getParent());
            return Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes {@code text} as UTF-8 to {@code relative}. */
    static Path write(Path submission, String relative, String text) {
        return write(submission, relative, text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** The default rubric restricted to some exercises (keeps each test fast). */
    static Rubric rubricFor(int timeoutSeconds, String... ids) {
        Rubric full = RubricLoader.defaultRubric();
        var exercises = new java.util.LinkedHashMap<String, Rubric.ExerciseRubric>();
        for (String id : ids) {
            exercises.put(id, full.exercises().get(id));
        }
        return new Rubric(new dev.alloclab.grader.run.Limits(timeoutSeconds, 256, 64), exercises);
    }

    static void deleteTree(Path root) {
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void copyTree(Path from, Path to) {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : walk.sorted(Comparator.naturalOrder()).toList()) {
                Path dest = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(dest);
                } else {
                    Files.copy(p, dest);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
