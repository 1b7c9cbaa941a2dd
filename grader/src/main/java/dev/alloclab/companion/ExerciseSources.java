package dev.alloclab.companion;

import dev.alloclab.core.course.Curriculum;
import dev.alloclab.core.course.Exercise;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The source files one exercise's check compiles, and no others: so a compile error in another exercise, or in the
 * student's own tests, cannot cost this exercise its points.
 *
 * <p>A file under {@code dev/alloclab/exercises/<package>/} (or a folder below it) belongs to the exercise of that
 * package; every other file (the starter's test support in {@code dev/alloclab/exercises/support/}, a helper a
 * student put elsewhere) is shared, and every check compiles it. Of the exercise's own test folder, the
 * {@code ...StudentTest} files are left out: they are graded by {@code alloclab grade} (for coverage), not by the
 * visible tests' pass rule, and a half-written one must not hide a finished exercise. Any other file in that
 * folder (a visible test, or a helper the visible tests use) is compiled.
 *
 * @param sharedMain   main sources outside every exercise package
 * @param main         the exercise's main sources
 * @param sharedTests  test sources outside every exercise package
 * @param visibleTests the exercise's test sources without its {@code ...StudentTest} files
 * @param studentTests the exercise's {@code ...StudentTest} files: {@code alloclab coverage} measures what they cover
 */
public record ExerciseSources(List<Path> sharedMain, List<Path> main, List<Path> sharedTests, List<Path> visibleTests,
        List<Path> studentTests) {
    /** The suffix of the student's own test classes, which a check does not compile. */
    public static final String STUDENT_TEST_SUFFIX = "StudentTest.java";

    public ExerciseSources {
        sharedMain = List.copyOf(sharedMain);
        main = List.copyOf(main);
        sharedTests = List.copyOf(sharedTests);
        visibleTests = List.copyOf(visibleTests);
        studentTests = List.copyOf(studentTests);
    }

    /** The sources of {@code exercise} in {@code project}. */
    public static ExerciseSources of(LearnerProject project, Exercise exercise) {
        List<Path> sharedMain = new ArrayList<>();
        List<Path> main = new ArrayList<>();
        List<Path> sharedTests = new ArrayList<>();
        List<Path> visibleTests = new ArrayList<>();
        split(project.exercises().resolve("src/main/java"), exercise, sharedMain, main, false);
        split(project.exercises().resolve("src/test/java"), exercise, sharedTests, visibleTests, true);
        List<Path> studentTests = visibleTests.stream()
                .filter(file -> file.getFileName().toString().endsWith(STUDENT_TEST_SUFFIX)).toList();
        visibleTests.removeAll(studentTests);
        return new ExerciseSources(sharedMain, main, sharedTests, visibleTests, studentTests);
    }

    /** Sorts the {@code .java} files under {@code root} into the exercise's and the shared ones; others are dropped. */
    private static void split(Path root, Exercise exercise, List<Path> shared, List<Path> own, boolean directly) {
        Path exercisesFolder = root.resolve(Exercise.BASE_PACKAGE.replace('.', '/'));
        for (Path file : javaFiles(root)) {
            Optional<String> pkg = exercisePackageFolder(exercisesFolder, file, directly);
            if (pkg.isEmpty()) {
                shared.add(file);
            } else if (pkg.get().equals(exercise.packageName())) {
                own.add(file);
            }
        }
    }

    /**
     * The exercise package folder {@code file} lies in, when it lies in one of the curriculum's; with {@code directly},
     * only a file right in it (a test in a folder below, {@code bump/mine/}, is shared code, as the grader takes it).
     */
    private static Optional<String> exercisePackageFolder(Path exercisesFolder, Path file, boolean directly) {
        int depth = file.startsWith(exercisesFolder) ? exercisesFolder.relativize(file).getNameCount() : 0;
        if (depth < 2 || directly && depth != 2) {
            return Optional.empty();
        }
        String folder = exercisesFolder.relativize(file).getName(0).toString();
        return Curriculum.exercises().stream().map(Exercise::packageName).filter(folder::equals).findFirst();
    }

    private static List<Path> javaFiles(Path root) {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(p -> p.getFileName().toString().endsWith(".java") && Files.isRegularFile(p))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the sources under " + root, e);
        }
    }
}
