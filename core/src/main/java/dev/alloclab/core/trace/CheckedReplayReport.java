package dev.alloclab.core.trace;

import dev.alloclab.core.check.LeakReport;
import dev.alloclab.core.check.Violation;
import java.util.List;

/**
 * What a replay on the checked heap found: the program's memory mistakes, in order, and what it
 * left allocated at the end.
 *
 * @param trace the trace's name
 * @param allocator the allocator's name
 * @param steps heap operations performed (allocs, frees, reallocs, and one per read or write op)
 * @param violations the mistakes, in order; each names its trace line as its site
 * @param leaks the end-of-program summary
 * @param nanos how long the replay took, for the checked/unchecked ratio
 * @param notes what the parse tolerated and requests no heap can hold
 */
public record CheckedReplayReport(String trace, String allocator, int steps, List<Violation> violations,
                                  LeakReport leaks, long nanos, List<String> notes) {
    public CheckedReplayReport {
        violations = List.copyOf(violations);
        notes = List.copyOf(notes);
    }

    /** True if the program made no mistake and freed everything. */
    public boolean clean() {
        return violations.isEmpty() && !leaks.hasLeaks();
    }
}
