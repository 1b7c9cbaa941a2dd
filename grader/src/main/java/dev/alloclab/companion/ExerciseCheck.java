package dev.alloclab.companion;

import dev.alloclab.core.course.Exercise;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks one exercise on its own ({@code alloclab check EXERCISE}): compiles only what it needs
 * ({@link ExerciseSources}: the shared code, its main code, its visible tests), runs its visible tests in process
 * and applies the pass rule ({@link CheckResult}). Another exercise's compile error cannot reach it, which is why
 * GitHub Classroom runs one check per exercise instead of one Maven build for all.
 *
 * <p>Everything is written under a fresh folder {@code target/alloclab-check/<id>-<random>/}, deleted afterwards:
 * Maven's {@code target/classes}, the companion's {@code target/alloclab-companion/} and the progress summary are
 * never touched, and two checks (of one exercise or of two) never share a folder.
 */
public final class ExerciseCheck {
    /** The folder (under the exercises project) the checks' own folders are made in. */
    public static final String WORK_FOLDER = "target/alloclab-check";

    private final LearnerProject project;
    private final ExerciseCompiler compiler;
    private final Duration limit;

    public ExerciseCheck(LearnerProject project) {
        this(project, TimedTestRun.DEFAULT_LIMIT);
    }

    /** A check whose tests each get {@code limit} ({@link TimedTestRun}). */
    public ExerciseCheck(LearnerProject project, Duration limit) {
        this.project = project;
        this.compiler = new ExerciseCompiler(project);
        this.limit = limit;
    }

    /** Compiles and runs the visible tests of {@code exercise}. */
    public CheckResult run(Exercise exercise) {
        ExerciseSources sources = ExerciseSources.of(project, exercise);
        Path work = newWorkFolder(exercise);
        try {
            Path mainClasses = work.resolve("classes");
            Path testClasses = work.resolve("test-classes");
            List<String> classpath = ExerciseCompiler.kitClasspath();
            List<String> errors = compiler.compileFiles(concat(sources.sharedMain(), sources.main()), mainClasses,
                    classpath);
            List<String> notes = new ArrayList<>();
            Path copies = work.resolve("starter");
            List<Path> visibleTests = VisibleTestCopies.forCheck(project, sources.visibleTests(), copies, notes);
            if (errors.isEmpty()) {
                List<String> testClasspath = new ArrayList<>(classpath);
                testClasspath.add(0, mainClasses.toString());
                errors = compiler.compileFiles(concat(sources.sharedTests(), visibleTests), testClasses, testClasspath);
            }
            if (!errors.isEmpty()) {
                return CheckResult.didNotCompile(exercise, VisibleTestCopies.readable(project, copies, errors))
                        .withNotes(notes);
            }
            TestRunResult run = InProcessTests.launch(InProcessTests.urls(List.of(mainClasses, testClasses,
                            project.exercises().resolve("src/main/resources"),
                            project.exercises().resolve("src/test/resources"))),
                    testClasses, List.of(exercise), work.resolve("jqwik-database"), limit, false);
            return CheckResult.ran(exercise, run).withNotes(notes);
        } finally {
            try {
                ExerciseCompiler.deleteTree(work);
            } catch (IOException cannotDelete) {
                // left in target/, which git ignores and mvn clean removes
            }
        }
    }

    private Path newWorkFolder(Exercise exercise) {
        Path parent = project.exercises().resolve(WORK_FOLDER);
        try {
            Files.createDirectories(parent);
            return Files.createTempDirectory(parent, exercise.id() + "-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make a folder for the check under " + parent, e);
        }
    }

    private static List<Path> concat(List<Path> first, List<Path> second) {
        List<Path> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }
}
