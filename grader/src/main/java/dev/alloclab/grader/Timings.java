package dev.alloclab.grader;

import java.util.Locale;

/**
 * The grader's phase clock for {@code alloclab grade --timings}: when the system property
 * {@value #PROPERTY} is {@code true}, each {@link #mark} prints the seconds since the grader's
 * process started (JVM start-up included) and what just happened, on standard error. It is how the figures in
 * docs/performance.md ("Grading") were split into phases; off, it costs one boolean test.
 */
public final class Timings {
    /** The system property that switches the marks on. */
    public static final String PROPERTY = "alloclab.grader.timing";

    /** {@link System#nanoTime()} at the process's start, as near as the JVM can tell. */
    private static final long START = System.nanoTime() - java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(
            Math.max(0, System.currentTimeMillis() - java.lang.management.ManagementFactory.getRuntimeMXBean().getStartTime()));

    private Timings() {
    }

    /** With {@link #PROPERTY}: also one mark per test the grading JVM starts. */
    public static final String TESTS_PROPERTY = "alloclab.grader.timing.tests";

    /** True when marks are printed. */
    public static boolean enabled() {
        return Boolean.getBoolean(PROPERTY);
    }

    /** True when every test gets a mark too. */
    public static boolean testsEnabled() {
        return enabled() && Boolean.getBoolean(TESTS_PROPERTY);
    }

    /** Prints {@code what} with the seconds since the grader started, if enabled. */
    public static void mark(String what) {
        if (enabled()) {
            System.err.printf(Locale.ROOT, "timings: %6.2f s  %s%n", (System.nanoTime() - START) / 1e9, what);
        }
    }
}
