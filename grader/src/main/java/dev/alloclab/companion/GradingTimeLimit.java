package dev.alloclab.companion;

/**
 * How the grader turns a course's time limit into each test's: one place, so that the companion ({@code check},
 * {@code coverage}, {@code progress}, {@code watch}) stops a test exactly when the grader would.
 *
 * <p>A course's {@code timeoutSeconds} (the rubric's {@code limits.timeoutSeconds}, {@value #DEFAULT_EXERCISE_SECONDS}
 * by default) is what one <em>exercise</em> may take: the student's tests and the hidden suite together. Each test,
 * the student's own and the hidden ones, gets half of it (at least 1 s), so that a test stuck in an endless loop
 * fails alone and the tests after it still have time to earn their points; the exercise's limit stays the backstop.
 * Half, not less, because the performance test of a correct but slow allocator may take several seconds.
 *
 * <p>It lives with the companion, not in the grader's {@code Limits}, because the starter's companion jar carries
 * the companion and never the grader; {@code Limits} asks this class.
 */
public final class GradingTimeLimit {
    /** The grader's limit of one exercise when the course sets none: the rubric's default. */
    public static final int DEFAULT_EXERCISE_SECONDS = 20;

    private GradingTimeLimit() {
    }

    /** Each test's limit in seconds when one exercise may take {@code exerciseSeconds}: half of it, at least 1. */
    public static int perTestSeconds(int exerciseSeconds) {
        return Math.max(1, exerciseSeconds / 2);
    }
}
