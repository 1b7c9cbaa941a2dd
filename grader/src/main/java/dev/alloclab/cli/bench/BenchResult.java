package dev.alloclab.cli.bench;

import dev.alloclab.core.trace.ReplayReport;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * Everything one {@code alloclab bench} measured and noticed, from which the text table and the JSON are both
 * printed: neither format measures anything itself, so the two cannot disagree.
 *
 * <p>Internal to the grader.
 *
 * @param settings what was asked for
 * @param allocators one result per allocator, in the order of {@link BenchSettings#allocators()}
 * @param tracesRead how many traces could be read (and were replayed, or failed on some allocator)
 * @param unreadable why each {@code --traces} file that could not be parsed was left out, one message each
 * @param changes per trace name, what the lenient reading changed in its program (the footnote of a
 *     {@code yes*} row; traces with no change may be missing or map to an empty list)
 * @param checkedNotes with {@code --check}, per trace name, one sentence on what its program does wrong or does
 *     more on the checked heap
 * @param failedTraces how many traces failed to replay on some allocator
 */
public record BenchResult(BenchSettings settings, List<AllocatorResult> allocators, int tracesRead,
                          List<String> unreadable, Map<String, List<String>> changes, Map<String, String> checkedNotes,
                          int failedTraces) {
    public BenchResult {
        allocators = List.copyOf(allocators);
        unreadable = List.copyOf(unreadable);
        changes = Map.copyOf(changes);
        checkedNotes = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(checkedNotes));
    }

    /**
     * One allocator's results.
     *
     * @param table its replay reports, libc's figures and the totals
     * @param checked with {@code --check}, the checked heap's throughput per trace (same order as the table's reports)
     * @param notReplayed the traces whose replay failed on it, with the reason
     */
    public record AllocatorResult(BenchTable table, List<OptionalDouble> checked, List<String> notReplayed) {
        public AllocatorResult {
            checked = List.copyOf(checked);
            notReplayed = List.copyOf(notReplayed);
        }
    }

    /** What the lenient reading changed in {@code report}'s trace (empty for most). */
    public List<String> changesOf(ReplayReport report) {
        return changes.getOrDefault(report.trace(), List.of());
    }

    /** A trace's name in the table: its file name when it came from {@code --traces}, whose folder the user typed. */
    public String shownName(ReplayReport report) {
        if (settings.traces() == null) {
            return report.trace();
        }
        Path file = Path.of(report.trace()).getFileName();
        return file == null ? report.trace() : file.toString();
    }

    /** True if every allocator replayed every trace that could be read, and every file could be read. */
    public boolean complete() {
        return unreadable.isEmpty() && allocators.stream().allMatch(a -> a.notReplayed().isEmpty());
    }
}
