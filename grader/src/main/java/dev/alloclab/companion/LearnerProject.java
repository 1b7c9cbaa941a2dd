package dev.alloclab.companion;

import dev.alloclab.core.KitException;
import dev.alloclab.core.course.Exercise;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where a learner's work lives. Two layouts are recognised: the kit itself (a root with an
 * {@code exercises/} module and {@code docs/}) and an exported student starter (the exercises
 * project is the root, its docs under {@code docs/}).
 *
 * @param root      where {@code docs/} and the companion's state folder {@code .alloclab/} live
 * @param exercises the Maven project holding {@code src/main/java/dev/alloclab/exercises/...}
 */
public record LearnerProject(Path root, Path exercises) {
    /** The progress summary the test run (and {@code alloclab progress}) writes. */
    public Path summaryFile() {
        return exercises.resolve("target").resolve("alloclab-progress.json");
    }

    /** The folder watched and compiled: {@code src/} of the exercises project. */
    public Path sources() {
        return exercises.resolve("src");
    }

    /** The companion's state, ignored by git. */
    public Path stateDir() {
        return root.resolve(".alloclab");
    }

    /** The instructions page of {@code exercise}. */
    public Path docsPage(Exercise exercise) {
        return root.resolve(exercise.docsPage());
    }

    /** True in the kit's own repository (the exercises are one module of a reactor). */
    public boolean isKitReactor() {
        return !root.equals(exercises);
    }

    /**
     * Finds the project from {@code dir}: the kit's root, its {@code exercises} folder, or a
     * student starter's root.
     *
     * @throws KitException saying what was looked for when {@code dir} is none of these
     */
    public static LearnerProject locate(Path dir) {
        Path start = dir.toAbsolutePath().normalize();
        if (!Files.isDirectory(start)) {
            throw new KitException("the project folder '" + dir + "' " + (Files.exists(start) ? "is a file, not a folder"
                    : "does not exist") + ". Pass the folder of your exercises (the one with pom.xml and src/), or run "
                    + "the command from it.");
        }
        if (isExercisesProject(start.resolve("exercises"))) {
            return new LearnerProject(start, start.resolve("exercises"));
        }
        if (isExercisesProject(start)) {
            Path parent = start.getParent();
            boolean docsAbove = parent != null && Files.isDirectory(parent.resolve("docs"))
                    && !Files.isDirectory(start.resolve("docs"));
            return new LearnerProject(docsAbove ? parent : start, start);
        }
        throw new KitException("'" + dir + "' is not an alloclab exercises project: there is no "
                + "src/main/java/dev/alloclab/exercises in it (nor in an exercises/ folder below it).\n"
                + "  Run the command from your starter's folder (or the kit's root), or pass --project DIR.");
    }

    private static boolean isExercisesProject(Path dir) {
        return Files.isRegularFile(dir.resolve("pom.xml"))
                && Files.isDirectory(dir.resolve("src/main/java/dev/alloclab/exercises"));
    }
}
