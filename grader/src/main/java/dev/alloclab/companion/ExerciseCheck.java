package dev.alloclab.companion;

import dev.alloclab.core.course.Exercise;
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
 * <p>Everything is written under a fresh folder {@code target/alloclab-check/<id>-<random>/} (an
 * {@link ExerciseWorkspace}), deleted afterwards.
 */
public final class ExerciseCheck {
    /** The folder (under the exercises project) the checks' own folders are made in. */
    public static final String WORK_FOLDER = "target/alloclab-check";

    private final LearnerProject project;
    private final Duration limit;

    public ExerciseCheck(LearnerProject project) {
        this(project, TimedTestRun.DEFAULT_LIMIT);
    }

    /** A check whose tests each get {@code limit} ({@link TimedTestRun}). */
    public ExerciseCheck(LearnerProject project, Duration limit) {
        this.project = project;
        this.limit = limit;
    }

    /** Compiles and runs the visible tests of {@code exercise}. */
    public CheckResult run(Exercise exercise) {
        ExerciseSources sources = ExerciseSources.of(project, exercise);
        try (ExerciseWorkspace work = ExerciseWorkspace.create(project, exercise, WORK_FOLDER)) {
            List<String> notes = new ArrayList<>();
            Path copies = work.starterCopies();
            List<Path> visibleTests = VisibleTestCopies.forCheck(project, sources.visibleTests(), copies, notes);
            List<String> errors = work.compile(ExerciseWorkspace.concat(sources.sharedMain(), sources.main()),
                    ExerciseWorkspace.concat(sources.sharedTests(), visibleTests));
            if (!errors.isEmpty()) {
                return CheckResult.didNotCompile(exercise, VisibleTestCopies.readable(project, copies, errors))
                        .withNotes(notes);
            }
            TestRunResult run = InProcessTests.launch(work.classpath(), work.testClasses(), List.of(exercise),
                    work.jqwikDatabase(), limit, false);
            return CheckResult.ran(exercise, run).withNotes(notes);
        }
    }
}
