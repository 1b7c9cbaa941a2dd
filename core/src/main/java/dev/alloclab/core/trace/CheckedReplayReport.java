package dev.alloclab.core.trace;

import dev.alloclab.core.Checks;
import dev.alloclab.core.check.BlockRecord;
import dev.alloclab.core.check.LeakReport;
import dev.alloclab.core.check.Violation;
import dev.alloclab.core.check.ViolationReport;
import java.util.List;
import java.util.Map;

/**
 * What a replay on the checked heap found: the program's memory mistakes, in order, and what it
 * left allocated at the end.
 *
 * @param trace the trace's name
 * @param allocator the allocator's name
 * @param steps heap operations performed: one per trace operation (alloc, free, realloc, read, write), a request
 *     too large for any heap too
 * @param violations the mistakes, in order; each names its trace line as its site
 * @param leaks the end-of-program summary
 * @param nanos how long the replay took, for the checked/unchecked ratio
 * @param notes what the parse tolerated and requests no heap can hold
 * @param traceIds for each block a report names, its number ({@code #3}) to the trace's own block id ({@code 2}):
 *     the heap counts blocks from 1, a trace author thinks in ids
 */
public record CheckedReplayReport(String trace, String allocator, int steps, List<Violation> violations,
                                  LeakReport leaks, long nanos, List<String> notes, Map<Integer, Integer> traceIds) {
    public CheckedReplayReport {
        violations = List.copyOf(Checks.notNull(violations, "violations"));
        notes = List.copyOf(Checks.notNull(notes, "notes"));
        traceIds = Map.copyOf(Checks.notNull(traceIds, "traceIds"));
    }

    /** True if the program made no mistake and freed everything. */
    public boolean clean() {
        return violations.isEmpty() && !leaks.hasLeaks();
    }

    /** {@code block #3 (trace id 2) [64, 84)}: the heap's name with the trace's id, where it is known. */
    public String blockName(BlockRecord block) {
        Integer id = traceIds.get(Checks.notNull(block, "block").id());
        return id == null ? block.name() : block.name("trace id " + id);
    }

    /** {@code violation}'s report, its blocks named with their trace ids. */
    public String report(Violation violation) {
        return ViolationReport.render(violation, this::blockName);
    }

    /** The end-of-program summary, its blocks named with their trace ids. */
    public String leakReport() {
        return leaks.render(this::blockName);
    }
}
