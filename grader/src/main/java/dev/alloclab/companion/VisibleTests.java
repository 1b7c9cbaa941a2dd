package dev.alloclab.companion;

import dev.alloclab.core.course.Exercise;
import java.util.List;
import java.util.Optional;

/**
 * Runs the visible tests of the learner's exercises: all of them, or one exercise's. The
 * in-process runner implements it; the watch loop's tests give it a scripted one.
 */
@FunctionalInterface
public interface VisibleTests {
    /** Runs the visible tests of {@code only}, or of every exercise when empty. */
    TestRunResult run(Optional<Exercise> only);

    /**
     * Runs the exercises' visible tests in learning order and stops after the first exercise that is not done:
     * where {@code watch} starts. A loop or a slow test in a later exercise then cannot hold up a student who is not
     * there yet. Exercises after it are absent from the result.
     */
    default TestRunResult runUntilUnfinished() {
        return run(Optional.empty());
    }

    /**
     * Threads of the learner's code still using the CPU after the last run ended ({@link RunawayThreads}): a test
     * stopped at its time limit, or a thread a test left looping. None by default.
     */
    default List<RunawayThreads.Runaway> runaways() {
        return List.of();
    }
}
