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

    /**
     * What {@code coverage} says when the student's own tests of an exercise took more than half of what the whole
     * exercise may take in the grade (each test may be under its own limit while all of them are not): past the
     * exercise's limit the grader stops them and their coverage is not measured; past half, the grader's own tests
     * are left less time than the student's had. Empty when they are quick enough.
     *
     * @param took            how long the own tests ran together
     * @param exerciseSeconds what one exercise may take in the grade (the course's {@code timeoutSeconds})
     */
    public static java.util.Optional<String> ownTestsNote(java.time.Duration took, int exerciseSeconds) {
        if (took.toMillis() * 2 <= exerciseSeconds * 1000L) {
            return java.util.Optional.empty();
        }
        String seconds = String.format(java.util.Locale.ROOT, "%.1f s", took.toMillis() / 1000.0);
        String consequence = took.toMillis() > exerciseSeconds * 1000L
                ? "in the grade, an exercise's tests (yours and the grader's) share " + exerciseSeconds + " s, so the "
                        + "grader would stop yours and their coverage would earn nothing (its own tests still run)"
                : "in the grade, an exercise's tests (yours and the grader's) share " + exerciseSeconds + " s, and past "
                        + "that your tests are stopped and their coverage earns nothing: on a busier machine they may "
                        + "not fit";
        return java.util.Optional.of("note: your own tests took " + seconds + " together; " + consequence
                + ". Make them faster: smaller heaps and inputs, fewer tries in properties, no sleeps.");
    }
}
