package dev.alloclab.core.check;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The end-of-program summary, laid out like Valgrind's heap summary: how many bytes in how many
 * blocks are still in use, the totals of the run, and each leaked block with its allocation site.
 *
 * <pre>
 * HEAP SUMMARY
 *   in use at exit: 40 bytes in 2 blocks
 *   total heap usage: 3 allocs, 1 frees, 60 bytes allocated
 *
 * leak: 20 bytes in block #1 [0, 20) were never freed
 *   allocated by  alloc(20)  step 1  Examples.getYears (Examples.java:41)
 * ...
 *   What to do: call dealloc for each block above once the program no longer needs it.
 *   Lesson: docs/mistakes.md#leak
 * </pre>
 *
 * The checked heap has no roots to trace, so unlike Valgrind it cannot tell "definitely lost"
 * from "still reachable": every block live at the end is listed.
 *
 * @param leaks one {@link Violation.Kind#LEAK} per block still live, in address order
 * @param allocations how many blocks were allocated over the run (realloc counts as one)
 * @param frees how many blocks were freed (realloc's old block counts as one)
 * @param bytesAllocated the bytes asked for over the run
 */
public record LeakReport(List<Violation> leaks, long allocations, long frees, long bytesAllocated) {
    public LeakReport {
        leaks = List.copyOf(leaks);
    }

    /** Bytes (as requested) in the blocks still live. */
    public long bytesInUse() {
        long total = 0;
        for (Violation leak : leaks) {
            total += leak.length();
        }
        return total;
    }

    /** How many blocks are still live. */
    public int blocksInUse() {
        return leaks.size();
    }

    public boolean hasLeaks() {
        return !leaks.isEmpty();
    }

    /** {@code in use at exit: 40 bytes in 2 blocks}. */
    public String summaryLine() {
        return "in use at exit: " + ViolationReport.bytes(bytesInUse()) + " in " + blocksInUse()
                + (blocksInUse() == 1 ? " block" : " blocks");
    }

    /** The whole report, lines joined with {@code \n}. */
    public String render() {
        return render(BlockRecord::name);
    }

    /** The whole report, each block named by {@code names} (see {@link ViolationReport#render(Violation, Function)}). */
    public String render(Function<BlockRecord, String> names) {
        List<String> lines = new ArrayList<>();
        lines.add("HEAP SUMMARY");
        lines.add("  " + summaryLine());
        lines.add("  total heap usage: " + allocations + " allocs, " + frees + " frees, "
                + ViolationReport.bytes(bytesAllocated) + " allocated");
        if (leaks.isEmpty()) {
            lines.add("  every block was freed: no leaks");
            return String.join("\n", lines);
        }
        for (Violation leak : leaks) {
            lines.add("");
            lines.add(ViolationReport.headline(leak, names));
            BlockRecord block = leak.block();
            lines.add(("  allocated by  " + block.allocatedBy() + "  step " + block.allocated().step() + "  "
                    + block.allocated().site()).stripTrailing());
        }
        lines.add("");
        lines.addAll(ViolationReport.wrap("  What to do: ", "call dealloc for each block above once the program no longer "
                + "needs it, at the latest before it ends.", "    "));
        lines.add("  Lesson: " + Violation.Kind.LEAK.lesson());
        return String.join("\n", lines);
    }

    @Override
    public String toString() {
        return summaryLine();
    }
}
