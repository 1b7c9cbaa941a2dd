package dev.alloclab.companion;

import dev.alloclab.core.course.Exercise;
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

    public ExerciseCheck(LearnerProject project) {
        this.project = project;
    }

    /** Compiles and runs the visible tests of {@code exercise}. */
    public CheckResult run(Exercise exercise) {
        ExerciseSources sources = ExerciseSources.of(project, exercise);
        try (ExerciseWorkspace work = ExerciseWorkspace.create(project, exercise, WORK_FOLDER)) {
            List<String> errors = work.compile(ExerciseWorkspace.concat(sources.sharedMain(), sources.main()),
                    ExerciseWorkspace.concat(sources.sharedTests(), sources.visibleTests()));
            if (!errors.isEmpty()) {
                return CheckResult.didNotCompile(exercise, errors);
            }
            TestRunResult run = InProcessTests.launch(work.classpath(), work.testClasses(), exercise.javaPackage(),
                    work.jqwikDatabase());
            return CheckResult.ran(exercise, run);
        }
    }
}
