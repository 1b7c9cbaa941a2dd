package dev.alloclab.cli.bench;

import dev.alloclab.core.KitException;
import dev.alloclab.core.memory.HeapBytes;
import dev.alloclab.core.trace.Replayer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

/**
 * What {@code alloclab bench} was asked to measure, as checked values: the command line reads and checks its
 * options, {@link BenchRun} measures with these, and {@link BenchText} and {@link BenchJson} print them in the
 * heading of the results.
 *
 * <p>Internal to the grader.
 *
 * @param allocators the allocators to measure, each once, in the order given
 * @param traces the {@code --traces} folder or file, or null for the kit's bundled performance suite
 * @param maxHeapBytes how far each heap may grow ({@code --heap-max})
 * @param runs timed runs per trace, at least 1; the median counts
 * @param warmups untimed runs per trace first, at least 0 (see {@link #warmupTime()})
 * @param clock what the timed runs are measured with
 * @param check also time each trace on the checked heap
 * @param versusLibc also time libc's malloc on the traces
 * @param libcKeepHeap with {@code versusLibc}: glibc keeps the memory it took between runs
 */
public record BenchSettings(List<BenchedAllocator> allocators, Path traces, int maxHeapBytes, int runs, int warmups,
                            Replayer.Clock clock, boolean check, boolean versusLibc, boolean libcKeepHeap) {
    /** Untimed runs per trace by default, so that the JIT has compiled the allocator before the clock runs. */
    public static final int DEFAULT_WARMUPS = 10;
    /**
     * ... and at least this much time in them: C2 compiles the allocator only after thousands of
     * calls, and a busy machine delays it further; ten runs of a short trace were not enough.
     */
    public static final Duration WARMUP_TIME = Duration.ofMillis(300);

    public BenchSettings {
        allocators = List.copyOf(allocators);
        if (runs < 1 || warmups < 0) {
            throw new IllegalArgumentException("runs must be >= 1 and warmups >= 0, but were " + runs + " and " + warmups);
        }
    }

    /**
     * {@code --runs} and {@code --warmups} as {@code bench} and {@code measure} take them.
     *
     * @throws KitException naming the option, when a count is out of range
     */
    public static void checkRunsAndWarmups(int runs, int warmups) {
        if (runs < 1) {
            throw new KitException("--runs must be at least 1, but was " + runs + ".");
        }
        if (runs > Replayer.MAX_RUNS) {
            throw new KitException("--runs must be at most " + Replayer.MAX_RUNS + " (each run replays every trace "
                    + "once; the median hardly moves after a few dozen), but was " + runs + ".");
        }
        if (warmups < 0) {
            throw new KitException("--warmups must be 0 or more, but was " + warmups + ".");
        }
    }

    /**
     * The least time the warm-up runs take together: {@link #WARMUP_TIME}, or none when no warm-up was asked for
     * ({@code --warmups 0}: the figures are then the cold JIT's, which is fine for checking traces, not for timing).
     */
    public Duration warmupTime() {
        return warmups == 0 ? Duration.ZERO : WARMUP_TIME;
    }

    /** A fresh, empty heap with {@link #maxHeapBytes} per call. */
    public Supplier<HeapBytes> heaps() {
        int max = maxHeapBytes;
        return () -> HeapBytes.withMax(max);
    }
}
