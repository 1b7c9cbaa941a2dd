package dev.alloclab.core.check;

import dev.alloclab.core.Checks;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 * from "still reachable": every block live at the end is counted. Up to {@value #LISTED_ONE_BY_ONE} are listed one
 * by one; beyond that, the blocks of one place are one entry with their count, as LeakSanitizer groups by stack.
 *
 * @param leaks one {@link Violation.Kind#LEAK} per block still live, in address order
 * @param allocations how many blocks were allocated over the run (realloc counts as one)
 * @param frees how many blocks were freed (realloc's old block counts as one)
 * @param bytesAllocated the bytes asked for over the run
 * @param notes what the reader should know about how much the run could see (the quarantine emptied early)
 * @param zeroSizeAllocs how many of the allocations were {@code alloc(0)}: each is counted as an alloc (the program
 *     made the call), but it returned NULL, so no free will ever match it; the summary says so, or allocs minus
 *     frees would look like blocks still in use (Valgrind's {@code malloc(0)} returns a block, and its free counts)
 */
public record LeakReport(List<Violation> leaks, long allocations, long frees, long bytesAllocated, List<String> notes,
                         long zeroSizeAllocs) {
    public LeakReport {
        leaks = List.copyOf(Checks.notNull(leaks, "leaks"));
        notes = List.copyOf(Checks.notNull(notes, "notes"));
        if (zeroSizeAllocs < 0 || zeroSizeAllocs > allocations) {
            throw new IllegalArgumentException("zeroSizeAllocs must be >= 0 and <= allocations (" + allocations
                    + "), but was " + zeroSizeAllocs);
        }
    }

    /** A report with no alloc(0) among its allocations. */
    public LeakReport(List<Violation> leaks, long allocations, long frees, long bytesAllocated, List<String> notes) {
        this(leaks, allocations, frees, bytesAllocated, notes, 0);
    }

    /** A report with no notes. */
    public LeakReport(List<Violation> leaks, long allocations, long frees, long bytesAllocated) {
        this(leaks, allocations, frees, bytesAllocated, List.of());
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

    /**
     * Up to this many leaked blocks are listed one by one; more, and the blocks allocated at one place by one kind
     * of call are said once with their count, as LeakSanitizer and Valgrind group leaks by stack (one forgotten
     * dealloc in a loop of 1,000 rounds made a report of 3,000 lines).
     */
    static final int LISTED_ONE_BY_ONE = 10;
    /** At most this many entries (blocks or groups); the rest are counted in one line. */
    static final int MAX_ENTRIES = 20;
    /** A group names this many of its blocks. */
    static final int BLOCKS_NAMED = 3;

    /** The whole report, each block named by {@code names} (see {@link ViolationReport#render(Violation, Function)}). */
    public String render(Function<BlockRecord, String> names) {
        List<String> lines = new ArrayList<>();
        lines.add("HEAP SUMMARY");
        lines.add("  " + summaryLine());
        lines.add("  total heap usage: " + allocations + " allocs, " + frees + " frees, "
                + ViolationReport.bytes(bytesAllocated) + " allocated" + (zeroSizeAllocs == 0 ? ""
                : " (" + zeroSizeAllocs + " of the allocs " + (zeroSizeAllocs == 1 ? "was" : "were")
                + " alloc(0): it returned NULL, which needs no free)"));
        notes.forEach(note -> lines.addAll(ViolationReport.wrap("  note: ", note, "    ")));
        if (leaks.isEmpty()) {
            lines.add("  every block was freed: no leaks");
            return String.join("\n", lines);
        }
        List<List<Violation>> entries = leaks.size() <= LISTED_ONE_BY_ONE
                ? leaks.stream().map(List::of).toList() : groupedBySite();
        for (List<Violation> entry : entries.subList(0, Math.min(entries.size(), MAX_ENTRIES))) {
            lines.add("");
            if (entry.size() == 1) {
                Violation leak = entry.get(0);
                lines.add(ViolationReport.headline(leak, names));
                BlockRecord block = leak.block();
                lines.add(("  allocated by  " + block.allocatedBy() + "  step " + block.allocated().step() + "  "
                        + block.allocated().site()).stripTrailing());
            } else {
                group(lines, entry, names);
            }
        }
        if (entries.size() > MAX_ENTRIES) {
            List<Violation> rest = entries.subList(MAX_ENTRIES, entries.size()).stream().flatMap(List::stream).toList();
            lines.add("");
            lines.add("... and " + ViolationReport.bytes(rest.stream().mapToLong(Violation::length).sum()) + " in "
                    + rest.size() + (rest.size() == 1 ? " block" : " blocks") + " more, from other places (not listed)");
        }
        lines.add("");
        if (leaks.stream().anyMatch(leak -> !leak.block().allocated().site().isKnown())) {
            lines.addAll(ViolationReport.noSiteHint());
        }
        lines.addAll(ViolationReport.wrap("  What to do: ", "call dealloc for each block above once the program no longer "
                + "needs it, at the latest before it ends.", "    "));
        lines.add("  Lesson: " + Violation.Kind.LEAK.lesson());
        return String.join("\n", lines);
    }

    /**
     * The leaks in groups of one place and one kind of call, in the order of each group's first block. A block whose
     * place is unknown (no {@code at(...)} label, no captured frame) is a group of its own: "unknown" is no place.
     */
    private List<List<Violation>> groupedBySite() {
        Map<String, List<Violation>> groups = new LinkedHashMap<>();
        int unplaced = 0;
        for (Violation leak : leaks) {
            HeapEvent allocated = leak.block().allocated();
            String key = allocated.site().isKnown() ? allocated.operation() + " at " + allocated.site()
                    : "unknown " + unplaced++;
            groups.computeIfAbsent(key, k -> new ArrayList<>()).add(leak);
        }
        return new ArrayList<>(groups.values());
    }

    /** One group: its total, its call (sizes as a range when they differ), steps, place, and its first blocks. */
    private static void group(List<String> lines, List<Violation> group, Function<BlockRecord, String> names) {
        long bytes = group.stream().mapToLong(Violation::length).sum();
        lines.add(Violation.Kind.LEAK.slug() + ": " + ViolationReport.bytes(bytes) + " in " + group.size()
                + " blocks were never freed, all allocated at one place");
        HeapEvent first = group.get(0).block().allocated();
        int smallest = group.stream().mapToInt(v -> v.block().allocated().size()).min().orElse(0);
        int largest = group.stream().mapToInt(v -> v.block().allocated().size()).max().orElse(0);
        String call = smallest == largest ? first.call() + " each"
                : first.operation().name().toLowerCase(java.util.Locale.ROOT) + " of " + smallest + " to " + largest
                        + " bytes";
        int fromStep = group.stream().mapToInt(v -> v.block().allocated().step()).min().orElse(0);
        int toStep = group.stream().mapToInt(v -> v.block().allocated().step()).max().orElse(0);
        lines.add(("  allocated by  " + call + "  steps " + fromStep + " to " + toStep + "  " + first.site())
                .stripTrailing());
        String named = String.join(", ", group.stream().limit(BLOCKS_NAMED).map(v -> names.apply(v.block())).toList());
        lines.add("  blocks        " + named + (group.size() > BLOCKS_NAMED
                ? " and " + (group.size() - BLOCKS_NAMED) + " more" : ""));
    }

    @Override
    public String toString() {
        return summaryLine();
    }
}
