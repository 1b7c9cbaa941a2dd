package dev.alloclab.core.trace;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.util.function.LongSupplier;

/**
 * The untimed runs before a benchmark's timed ones: at least a number of runs and a time on the clock,
 * then on until the JIT has stopped compiling, so that the timed runs measure compiled code.
 *
 * <p>Why not a fixed amount: on a busy two-core machine the JIT's compiler threads queue behind other
 * work, so a fixed 300 ms can end while the loop still runs in first-tier code. (The larger swing once
 * seen, 4 to 30 Mops/s for the first trace of a bench, had another cause, fixed in {@code Replayer}: a
 * branch the warm-up never took.) A quiet window, runs taking at least {@link #QUIET_WINDOW_NANOS} during which the JVM's total
 * compilation time did not grow, says the compile has landed. The wait is capped: a JVM without that
 * counter, or one compiling for other reasons, stops after {@link #CAP_NANOS} more.
 *
 * <p>What the window cannot see: the counter grows when a compilation <em>ends</em>, so one that is still running
 * through a whole window (the JIT's second tier on a large allocator took longer than that on 27 Nov 2026) looks
 * quiet. {@code ./alloclab bench} therefore runs the JVM with {@code -XX:-BackgroundCompilation}
 * (as {@code -Xbatch} does): a hot method waits for its compiled code, and the warm-up cannot end before it has
 * landed. Without it, one bench in three timed its first traces 5 to 20 times slow, and the bench says so when it
 * runs in such a JVM.
 *
 * <p>Only a caller that asks for a warm-up time (a benchmark: {@code alloclab bench}) waits for the JIT; a
 * warm-up given as a number of runs alone (the grader's hidden suite, which must stay fast) is just that.
 *
 * <p>Times are the runs' own (the clock the timed runs use), but a time is also reached once the wall clock
 * has passed {@link #WALL_FACTOR} times it: a trace of a few operations takes a microsecond on the run clock
 * and twenty outside it (a fresh allocator over an emptied heap), so its 300 ms of run time took 100,000 runs
 * and two seconds, and a folder of 500 such traces a quarter of an hour. For any trace whose runs take longer
 * than what happens between them, the run clock gets there first and nothing changes.
 */
final class WarmUp {
    /** How long on the run clock the JIT must stay idle. */
    static final long QUIET_WINDOW_NANOS = 50_000_000L;
    /** The most warm-up time added after the minimum, whatever the JIT does. */
    static final long CAP_NANOS = 3_000_000_000L;
    /** Each time (minimum, quiet window, cap) is also reached when this many times it passed on the wall clock. */
    static final int WALL_FACTOR = 2;

    private WarmUp() {
    }

    /** The JVM's total JIT compilation time in milliseconds, or a constant where the JVM does not report it. */
    static LongSupplier jitMillis() {
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        if (jit == null || !jit.isCompilationTimeMonitoringSupported()) {
            return () -> 0;
        }
        return jit::getTotalCompilationTime;
    }

    /**
     * Calls {@code run} (one untimed run; returns the nanoseconds it took) at least {@code minRuns} times and
     * until the runs took {@code minNanos} together, then (if {@code minNanos > 0}) until a quiet window, at most
     * {@code maxRuns} times and {@link #CAP_NANOS} past the minimum.
     *
     * @return how many runs were made
     */
    static int run(LongSupplier run, LongSupplier jitMillis, int minRuns, long minNanos, int maxRuns) {
        return run(run, jitMillis, minRuns, minNanos, maxRuns, 0);
    }

    /**
     * As above, but bounded by time as well when {@code limitNanos > 0}: once at least one run is made and the
     * runs took {@code limitNanos} together, warming stops, whatever the minimum said. For a long trace (one run
     * of seconds) a single run has warmed the JIT, and ten more would only keep the user waiting.
     */
    static int run(LongSupplier run, LongSupplier jitMillis, int minRuns, long minNanos, int maxRuns, long limitNanos) {
        return run(run, jitMillis, minRuns, minNanos, maxRuns, limitNanos, System::nanoTime);
    }

    /** As above, with the wall clock given (so that a test can tell run time from wall time). */
    static int run(LongSupplier run, LongSupplier jitMillis, int minRuns, long minNanos, int maxRuns, long limitNanos,
                   LongSupplier wallNanos) {
        long spent = 0;
        int runs = 0;
        long started = wallNanos.getAsLong();
        while (runs < maxRuns && (runs < minRuns || !reached(spent, minNanos, wallNanos.getAsLong() - started))
                && !pastLimit(runs, spent, limitNanos)) {
            spent += run.getAsLong();
            runs++;
        }
        if (minNanos == 0) {
            return runs;
        }
        long extra = 0;
        long window = 0;
        long extraStarted = wallNanos.getAsLong();
        long windowStarted = extraStarted;
        long jitAtWindowStart = jitMillis.getAsLong();
        while (runs < maxRuns && !reached(extra, CAP_NANOS, wallNanos.getAsLong() - extraStarted)
                && !pastLimit(runs, spent + extra, limitNanos)) {
            long took = run.getAsLong();
            runs++;
            extra += took;
            window += took;
            long now = wallNanos.getAsLong();
            if (reached(window, QUIET_WINDOW_NANOS, now - windowStarted)) {
                long jitNow = jitMillis.getAsLong();
                if (jitNow == jitAtWindowStart) {
                    break;
                }
                jitAtWindowStart = jitNow;
                window = 0;
                windowStarted = now;
            }
        }
        return runs;
    }

    /** True once the runs took {@code target} on their clock, or {@link #WALL_FACTOR} times it passed on the wall. */
    private static boolean reached(long runNanos, long target, long wallNanos) {
        return runNanos >= target || wallNanos >= WALL_FACTOR * target;
    }

    /** True once a limit is set, a run was made and the runs took the limit. */
    private static boolean pastLimit(int runs, long spent, long limitNanos) {
        return limitNanos > 0 && runs >= 1 && spent >= limitNanos;
    }
}
