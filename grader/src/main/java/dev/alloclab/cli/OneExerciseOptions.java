package dev.alloclab.cli;

import dev.alloclab.companion.LearnerProject;
import dev.alloclab.core.course.Exercise;
import picocli.CommandLine.Mixin;

/**
 * The arguments of the companion's commands that run one exercise's tests ({@code check}, {@code coverage}): which
 * exercise and where ({@link ExerciseInProject}), and each test's time limit. A picocli
 * mixin, so both commands take them, and describe them, the same way.
 */
final class OneExerciseOptions {
    @Mixin
    ExerciseInProject target = new ExerciseInProject();

    @Mixin
    TimeLimitOption time;

    /** Each test's time limit, from {@code --timeout} or the course's; out of range is bad input. */
    TimeLimitOption.Limit timeLimit() {
        return time.limit(learner().root());
    }

    /** The exercise named; an unknown name is bad input listing the ids and package names. */
    Exercise exercise() {
        return target.exercise();
    }

    /** The learner's project at {@code --project}. */
    LearnerProject learner() {
        return target.learner();
    }
}
