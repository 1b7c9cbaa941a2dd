package dev.alloclab.core.trace;

import dev.alloclab.core.Checks;
import dev.alloclab.core.check.ValidationFailure;
import java.util.List;
import java.util.Optional;

/**
 * What a replay found: whether the allocator kept the rules, how well it used the heap, and how
 * fast it went.
 *
 * @param trace the trace's name
 * @param allocator the allocator's name
 * @param ops operations given to the allocator in one run (allocs, frees, reallocs; reads and writes
 *     are not counted)
 * @param skippedAccesses reads and writes left out, since only the checked heap can replay them
 * @param failure the first broken rule, if any
 * @param peakLiveBytes the peak, over the trace, of the requested bytes of live blocks
 * @param heapBytes the heap's size at the end: its high-water mark
 * @param opsPerSecond the median throughput of the timed runs, or NaN when the trace was not timed
 *     (an invalid run is never timed)
 * @param notes what the parse tolerated and what the replay did about requests no heap can hold
 */
public record ReplayReport(String trace, String allocator, int ops, int skippedAccesses,
                           Optional<ValidationFailure> failure, long peakLiveBytes, int heapBytes,
                           double opsPerSecond, List<String> notes) {
    public ReplayReport {
        notes = List.copyOf(Checks.notNull(notes, "notes"));
    }

    /** True if the allocator kept every rule on this trace. */
    public boolean valid() {
        return failure.isEmpty();
    }

    /**
     * Peak live payload divided by the heap's high-water mark, between 0 and 1 (0 when the heap
     * never grew). For an invalid run it covers the operations before the failure.
     */
    public double utilization() {
        return heapBytes == 0 ? 0.0 : (double) peakLiveBytes / heapBytes;
    }

    /** True if the trace was timed. */
    public boolean timed() {
        return !Double.isNaN(opsPerSecond);
    }

    /** Throughput in thousands of operations per second (NaN when not timed). */
    public double kops() {
        return opsPerSecond / 1000.0;
    }

    ReplayReport withThroughput(double throughput, List<String> moreNotes) {
        List<String> all = new java.util.ArrayList<>(notes);
        all.addAll(moreNotes);
        return new ReplayReport(trace, allocator, ops, skippedAccesses, failure, peakLiveBytes, heapBytes,
                throughput, all);
    }
}
