package dev.alloclab.companion;

import dev.alloclab.core.course.Exercise;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A fresh folder in which one command compiles one exercise on its own and runs its tests, deleted on
 * {@link #close()}. {@code alloclab check} ({@link ExerciseCheck}) and {@code alloclab coverage}
 * ({@link ExerciseCoverage}) both work in one, under their own folder of {@code target/}: Maven's
 * {@code target/classes}, the companion's {@code target/alloclab-companion/} and the progress summary are never
 * touched, and two runs (of one exercise or of two, of one command or of both) never share a folder.
 *
 * <pre>{@code
 * try (ExerciseWorkspace work = ExerciseWorkspace.create(project, exercise, "target/alloclab-check")) {
 *     List<String> errors = work.compile(mainSources, testSources);
 *     ... InProcessTests.launch(work.classpath(), ...) ...
 * }
 * }</pre>
 */
final class ExerciseWorkspace implements AutoCloseable {
    private final LearnerProject project;
    private final Path folder;

    private ExerciseWorkspace(LearnerProject project, Path folder) {
        this.project = project;
        this.folder = folder;
    }

    /** A new folder {@code <workFolder>/<exercise id>-<random>/} under the exercises project. */
    static ExerciseWorkspace create(LearnerProject project, Exercise exercise, String workFolder) {
        Path parent = project.exercises().resolve(workFolder);
        try {
            Files.createDirectories(parent);
            sweepLeftovers(parent);
            return new ExerciseWorkspace(project, Files.createTempDirectory(parent, exercise.id() + "-"));
        } catch (IOException e) {
            throw ProjectFolders.cannotMake(parent, "the run", e);
        }
    }

    /** A run's folder this old was left by a run that ended abnormally (a kill, a halt, a stall it never left). */
    static final java.time.Duration LEFTOVER_AGE = java.time.Duration.ofHours(1);

    /**
     * Deletes the folders under {@code parent} that runs ended abnormally left behind: {@link #close()} deletes a
     * run's folder, but not after {@code kill -9}, a learner's {@code Runtime.halt}, or a measurement whose thread was
     * abandoned in an endless loop. Never a folder younger than {@link #LEFTOVER_AGE}: it may be another run's.
     */
    private static void sweepLeftovers(Path parent) {
        java.nio.file.attribute.FileTime before = java.nio.file.attribute.FileTime.from(
                java.time.Instant.now().minus(LEFTOVER_AGE));
        try (java.util.stream.Stream<Path> children = Files.list(parent)) {
            for (Path child : children.toList()) {
                try {
                    if (Files.isDirectory(child, java.nio.file.LinkOption.NOFOLLOW_LINKS)
                            && Files.getLastModifiedTime(child).compareTo(before) < 0) {
                        ExerciseCompiler.deleteTree(child);
                    }
                } catch (IOException stillThere) {
                    // tried again next time; git ignores target/ and mvn clean removes it
                }
            }
        } catch (IOException unreadable) {
            // nothing to sweep
        }
    }

    Path mainClasses() {
        return folder.resolve("classes");
    }

    Path testClasses() {
        return folder.resolve("test-classes");
    }

    Path jqwikDatabase() {
        return folder.resolve("jqwik-database");
    }

    /** Where {@code check} puts the starter's copies of visible tests the student changed ({@link VisibleTestCopies}). */
    Path starterCopies() {
        return folder.resolve("starter");
    }

    /**
     * Compiles {@code main} against the kit's class path, then {@code tests} against that and the main classes.
     * Returns the compiler's errors, one line each ({@code src/main/java/.../File.java:12: message}); empty means
     * both compiled. The tests are not compiled when the main code has errors.
     */
    List<String> compile(List<Path> main, List<Path> tests) {
        ExerciseCompiler compiler = new ExerciseCompiler(project);
        List<String> classpath = ExerciseCompiler.kitClasspath();
        List<String> errors = compiler.compileFiles(main, mainClasses(), classpath);
        if (!errors.isEmpty()) {
            return errors;
        }
        List<String> testClasspath = new ArrayList<>(classpath);
        testClasspath.add(0, mainClasses().toString());
        return compiler.compileFiles(tests, testClasses(), testClasspath);
    }

    /** What the tests run on: the compiled classes and the project's resources. */
    URL[] classpath() {
        return InProcessTests.urls(List.of(mainClasses(), testClasses(),
                project.exercises().resolve("src/main/resources"), project.exercises().resolve("src/test/resources")));
    }

    @Override
    public void close() {
        try {
            ExerciseCompiler.deleteTree(folder);
        } catch (IOException cannotDelete) {
            // left in target/, which git ignores and mvn clean removes
        }
    }

    static List<Path> concat(List<Path> first, List<Path> second) {
        List<Path> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }
}
