package dev.alloclab.cli.bench;

import static dev.alloclab.cli.Words.plural;

import dev.alloclab.core.ShellWord;
import dev.alloclab.core.alloc.Allocators;
import dev.alloclab.core.check.ValidationFailure;
import dev.alloclab.core.trace.ReplayReport;
import dev.alloclab.core.trace.Replayer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;

/**
 * The Malloc Lab table of {@code alloclab bench}: per allocator a heading, one row per trace (ops, valid, util,
 * Kops, and with libc or {@code --check} their columns), the total row, the performance index, and footnotes for
 * the rows the lenient reading changed and for traces without a live block.
 *
 * <p>Internal to the grader.
 */
public final class BenchText {
    private BenchText() {
    }

    /** The tables of {@code result}, one per allocator, each followed by an empty line. */
    public static String render(BenchResult result) {
        BenchSettings settings = result.settings();
        StringBuilder out = new StringBuilder();
        String nl = System.lineSeparator();
        for (BenchResult.AllocatorResult measured : result.allocators()) {
            BenchTable table = measured.table();
            List<OptionalDouble> checkedOps = measured.checked();
            boolean libc = settings.versusLibc() && table.libcOpsPerSecond().isPresent();
            int width = 24;
            for (ReplayReport r : table.reports()) {
                width = Math.max(width, result.shownName(r).length());
            }
            String name = "  %-" + width + "s";
            out.append(String.format(Locale.ROOT, "Allocator %s: %s, median of %s (%s time)%s%n",
                    table.allocator(), plural(table.reports().size(), "trace"), plural(settings.runs(), "timed run"),
                    settings.clock() == Replayer.Clock.THREAD_CPU ? "CPU" : "wall",
                    settings.versusLibc() && settings.libcKeepHeap() ? "; libc keeps its heap between runs (--libc-keep-heap)" : ""));
            out.append(String.format(Locale.ROOT, name + " %8s %6s %7s %10s%s%s", "trace", "ops", "valid", "util",
                    "Kops", libc ? String.format(Locale.ROOT, " %10s %8s", "libc Kops", "vs libc") : "",
                    settings.check() ? String.format(Locale.ROOT, " %14s %9s", "checked Kops", "slowdown") : "").stripTrailing())
                    .append(nl);
            List<String> footnotes = new ArrayList<>();
            for (int i = 0; i < table.reports().size(); i++) {
                ReplayReport r = table.reports().get(i);
                List<String> changed = result.changesOf(r);
                String mark = changed.isEmpty() ? "" : "*";
                out.append(String.format(Locale.ROOT, name + " %8d %6s %7s %10s", result.shownName(r), r.ops(),
                        // an invalid trace has no utilization, as in Malloc Lab's driver: the peak of a replay that
                        // broke a rule (or ran out of memory part way) measures nothing
                        (r.valid() ? "yes" : "no") + mark,
                        r.valid() && BenchTable.hasUtilization(r) ? pct(r.utilization()) : "-",
                        r.ops() == 0 ? "-" : kops(r.opsPerSecond())));
                if (libc) {
                    double c = table.libcPerTrace().get(i).getAsDouble();
                    out.append(String.format(Locale.ROOT, " %10s %8s", r.ops() == 0 ? "-" : kops(c),
                            ratio(r.opsPerSecond() / c)));
                }
                if (settings.check()) {
                    OptionalDouble c = checkedOps.get(i);
                    out.append(c.isPresent() && r.ops() > 0 ? String.format(Locale.ROOT, " %14s %8.1fx",
                            kops(c.getAsDouble()), r.opsPerSecond() / c.getAsDouble())
                            : String.format(Locale.ROOT, " %14s %9s", "-", "-"));
                }
                out.append(nl);
                // replay takes registered names only; measure prints a learner's allocator's report after the tables
                boolean replayable = Allocators.all().containsKey(table.allocator());
                r.failure().ifPresent(f -> out.append("      ").append(failureLine(f)).append(nl)
                        .append(replayable ? "      (the heap around it: ./alloclab replay " + r.trace() + " --allocator "
                                + table.allocator() + ")" + nl : ""));
                if (!changed.isEmpty()) {
                    // (a learner's starter has no replay: measure's footnote ends with what changed)
                    footnotes.add("  * " + result.shownName(r) + ": " + summary(changed)
                            + (replayable ? "; see ./alloclab replay " + ShellWord.of(r.trace()) : ""));
                }
            }
            boolean valid = table.allValid();
            out.append(String.format(Locale.ROOT, name + " %8d %6s %7s %10s", "total / average",
                    table.reports().stream().mapToLong(ReplayReport::ops).sum(), valid ? "yes" : "no",
                    pct(table.averageUtilization()), kops(table.opsPerSecond())));
            if (libc) {
                double c = table.libcOpsPerSecond().getAsDouble();
                out.append(String.format(Locale.ROOT, " %10s %8s", valid ? kops(c) : "-", ratio(table.opsPerSecond() / c)));
            }
            out.append(nl);
            if (!valid) {
                long failed = table.reports().stream().filter(r -> !r.valid()).count();
                out.append(String.format(Locale.ROOT, "  performance index 0 / 100: the allocator failed %d of %s "
                                + "(an invalid trace scores 0 and leaves no average, as in Malloc Lab)%n",
                        failed, plural(table.reports().size(), "trace")));
            } else {
                out.append(String.format(Locale.ROOT, "  lowest utilization %s; performance index %.1f / 100 "
                                + "(0.6 x util + 0.4 x min(1, %s / %s Kops/s, %s))%n",
                        pct(table.minimumUtilization()), table.performanceIndex(), kops(table.opsPerSecond()),
                        kops(table.targetOpsPerSecond()), libc ? "libc in this run" : "the fixed target"));
            }
            out.append(footnotes.stream().map(f -> f + nl).reduce("", String::concat));
            // only a valid replay shows that the program never has a live byte: a failed one stopped early
            List<String> empty = table.reports().stream().filter(r -> r.valid() && !BenchTable.hasUtilization(r))
                    .map(result::shownName).toList();
            if (!empty.isEmpty()) {
                out.append("  - ").append(String.join(", ", empty)).append(empty.size() == 1 ? " has" : " have")
                        .append(" no live block at any point (peak 0 bytes): no utilization, left out of the average "
                                + "and the lowest").append(nl);
            }
            out.append(nl);
        }
        return out.toString();
    }

    /**
     * The lines that say which traces could not be read or replayed, each with why; empty when every trace was
     * measured. The commands print them on stderr and exit 2: their input was bad, whatever the tables say.
     */
    public static List<String> leftOut(BenchResult result, Path traceDir) {
        List<String> reasons = new ArrayList<>(result.unreadable());
        result.allocators().forEach(a -> reasons.addAll(a.notReplayed()));
        if (reasons.isEmpty()) {
            return List.of();
        }
        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, "bench: %d of %s could not be read or replayed and were left out (%s):",
                result.unreadable().size() + result.failedTraces(),
                plural(result.unreadable().size() + result.tracesRead(), "trace"),
                traceDir == null ? "see why below" : "fix them, or move them out of '" + traceDir + "'"));
        reasons.forEach(reason -> lines.add("  " + reason));
        return lines;
    }

    /** The first broken rule in one line; {@code replay} prints the whole report with its heap picture. */
    static String failureLine(ValidationFailure failure) {
        return failure.kind().headline() + " at " + failure.where() + ": " + failure.sentence();
    }

    /** A trace's changes in one line: the first two, and how many more. */
    private static String summary(List<String> changed) {
        if (changed.size() <= 2) {
            return String.join("; ", changed);
        }
        return changed.get(0) + "; " + changed.get(1) + "; and " + plural(changed.size() - 2, "more lenient reading");
    }

    private static String pct(double fraction) {
        return Double.isNaN(fraction) ? "-" : String.format(Locale.ROOT, "%.1f%%", 100 * fraction);
    }

    private static String kops(double opsPerSecond) {
        return Double.isNaN(opsPerSecond) ? "-" : String.format(Locale.ROOT, "%.0f", opsPerSecond / 1000);
    }

    /** A throughput ratio with two decimals, or "-" where one side was not timed (a failed trace). */
    private static String ratio(double value) {
        return Double.isFinite(value) ? String.format(Locale.ROOT, "%.2f", value) : "-";
    }
}
