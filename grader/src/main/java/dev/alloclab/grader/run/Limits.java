package dev.alloclab.grader.run;

import dev.alloclab.companion.GradingTimeLimit;

/**
 * The limits a grading JVM runs under.
 *
 * @param timeoutSeconds wall-clock seconds one exercise (student tests + hidden suite) may take
 * @param heapMegabytes  the grading JVM's {@code -Xmx}
 * @param outputKilobytes how much of the grading JVM's stdout and stderr is kept (each)
 */
public record Limits(int timeoutSeconds, int heapMegabytes, int outputKilobytes) {
    public static final Limits DEFAULT = new Limits(GradingTimeLimit.DEFAULT_EXERCISE_SECONDS, 512, 64);

    /**
     * Wall-clock seconds one hidden test may take before it fails as "stopped after N s: your code did not return":
     * half the exercise's limit. A test stuck in an endless loop then costs only itself, and the hidden tests after
     * it still have time to run and earn their points; the exercise's limit stays the backstop. Half, not less,
     * because the performance test of a correct but slow allocator may take several seconds. The student's own tests
     * get the same, and so does the companion ({@link GradingTimeLimit}, where the rule lives).
     */
    public int hiddenTestSeconds() {
        return GradingTimeLimit.perTestSeconds(timeoutSeconds);
    }
}
