package dev.alloclab.cli;

import dev.alloclab.companion.LearnerProject;
import dev.alloclab.core.course.Curriculum;
import dev.alloclab.core.course.Exercise;
import java.nio.file.Path;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The arguments of the companion's commands that work on one exercise ({@code check}, {@code coverage}): which
 * exercise (an id or its package name), where the learner's project is, and each test's time limit. A picocli
 * mixin, so both commands take them, and describe them, the same way.
 */
final class OneExerciseOptions {
    @Parameters(index = "0", paramLabel = "EXERCISE",
            description = "an exercise id or its package name, e.g. bump or implicit-list (or implicitlist)")
    String exerciseName;

    @Option(names = "--project", paramLabel = "DIR", defaultValue = ".",
            description = "your exercises (a starter's folder or the kit's root); default: the current folder")
    Path project;

    @Mixin
    TimeLimitOption time;

    /** Each test's time limit, from {@code --timeout} or the course's; out of range is bad input. */
    TimeLimitOption.Limit timeLimit() {
        return time.limit(learner().root());
    }

    /** The exercise named; an unknown name is bad input listing the ids and package names. */
    Exercise exercise() {
        return Curriculum.named(exerciseName);
    }

    /** The learner's project at {@code --project}. */
    LearnerProject learner() {
        return LearnerProject.locate(project);
    }
}
