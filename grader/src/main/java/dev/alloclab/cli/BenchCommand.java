package dev.alloclab.cli;

import dev.alloclab.cli.bench.BenchTable;
import dev.alloclab.cli.bench.LibcBaseline;
import dev.alloclab.core.KitException;
import dev.alloclab.core.check.ValidationFailure;
import dev.alloclab.core.trace.CheckedReplayReport;
import dev.alloclab.core.trace.CheckedReplayer;
import dev.alloclab.core.trace.ParseMode;
import dev.alloclab.core.trace.ReplayReport;
import dev.alloclab.core.trace.Replayer;
import dev.alloclab.core.trace.Trace;
import dev.alloclab.core.trace.TraceSuite;
import dev.alloclab.grader.TempFolders;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code alloclab bench}: the Malloc Lab table. Every trace is replayed once under the validator
 * (valid? utilization) and then timed without checks (median of {@code --runs}); with
 * {@code --versus-libc} the C replayer times libc's malloc on the same files in the same run, and
 * its throughput becomes the target of the performance index.
 */
@Command(name = "bench", header = "Utilization and throughput of allocators on a set of traces (Malloc Lab table).",
        description = {
            "Per trace: ops, valid, util (peak live payload / heap high-water mark), Kops (median of --runs).",
            "Performance index = 100 x (0.6 x average util + 0.4 x min(1, throughput / T)), throughput = total ops "
                    + "/ total time; T = libc's throughput measured in the same run with --versus-libc, else "
                    + "2000 Kops/s."})
final class BenchCommand implements Callable<Integer> {
    /** Untimed runs per trace first, so that the JIT has compiled the allocator before the clock runs. */
    static final int WARMUPS = 10;
    /**
     * ... and at least this much time in them: C2 compiles the allocator only after thousands of
     * calls, and a busy machine delays it further; ten runs of a short trace were not enough.
     */
    static final Duration WARMUP_TIME = Duration.ofMillis(300);

    @Spec
    CommandSpec spec;

    @Option(names = "--allocator", split = ",", paramLabel = "NAME", defaultValue = "segregated",
            description = "Registered allocators to measure, comma-separated (default: ${DEFAULT-VALUE}).")
    List<String> allocators;

    @Mixin
    HeapLimitOption heapLimit = new HeapLimitOption();

    @Option(names = "--traces", paramLabel = "DIR",
            description = "A folder of .rep files (default: the kit's bundled performance suite).")
    Path traceDir;

    @Option(names = "--runs", paramLabel = "N", defaultValue = "5",
            description = "Timed runs per trace; the median counts (default: ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--format", paramLabel = "text|json", defaultValue = "text",
            description = "Output format: text or json (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--clock", paramLabel = "cpu|wall", defaultValue = "cpu",
            description = "What the timed runs are measured with: the replaying thread's CPU time (cpu, the default: "
                    + "a busy machine does not count against the allocator) or elapsed time (wall). Libc gets the same.")
    String clock;

    @Option(names = "--check",
            description = "Also time each trace on the checked heap (alloclab replay --check) and print how many times "
                    + "slower than the unchecked replay it is (timed the same way, on the same clock).")
    boolean check;

    @Option(names = "--versus-libc",
            description = "Also replay the traces on libc's malloc (bench/replay.c, built with gcc) and divide.")
    boolean versusLibc;

    @Override
    public Integer call() throws IOException {
        if (runs < 1) {
            throw new KitException("--runs must be at least 1, but was " + runs + ".");
        }
        if (!format.equals("text") && !format.equals("json")) {
            throw new KitException("--format must be text or json, but was '" + format + "'.");
        }
        if (!clock.equals("cpu") && !clock.equals("wall")) {
            throw new KitException("--clock must be cpu or wall, but was '" + clock + "'.");
        }
        Replayer.Clock timedWith = clock.equals("wall") ? Replayer.Clock.WALL : Replayer.Clock.best();
        allocators.forEach(dev.alloclab.core.alloc.Allocators::named); // unknown names fail now, with the list
        PrintWriter err = spec.commandLine().getErr();
        List<Trace> traces = new ArrayList<>();
        unreadable.clear();
        loadTraces(traces);
        List<OptionalDouble> libc = versusLibc ? measureLibc(traces, err, timedWith) : List.of();
        List<BenchTable> tables = new ArrayList<>();
        checked.clear();
        for (String name : allocators) {
            List<ReplayReport> reports = new ArrayList<>();
            List<OptionalDouble> checkedOps = new ArrayList<>();
            checked.add(checkedOps);
            Replayer replayer = Replayer.forAllocator(name).heap(heapLimit.heaps()).runs(runs).warmups(WARMUPS)
                    .warmupTime(WARMUP_TIME)
                    .clock(timedWith);
            for (int i = 0; i < traces.size(); i++) {
                err.printf("bench: %s: %s (%d/%d)%n", name, traces.get(i).name(), i + 1, traces.size());
                err.flush();
                ReplayReport report = replayer.replay(traces.get(i));
                reports.add(report);
                checkedOps.add(check && report.valid() ? checkedOpsPerSecond(traces.get(i), name, report.ops(), timedWith)
                        : OptionalDouble.empty());
            }
            tables.add(new BenchTable(name, reports, libc));
        }
        PrintWriter out = spec.commandLine().getOut();
        out.print(format.equals("json") ? json(tables, timedWith) : text(tables, timedWith));
        out.flush();
        if (!unreadable.isEmpty()) {
            err.printf("bench: %d of %d traces could not be read or replayed and were left out (fix them, or move them out of '%s'):%n",
                    unreadable.size(), unreadable.size() + traces.size(), traceDir);
            unreadable.forEach(reason -> err.println("  " + reason));
            err.flush();
            return ExitCodes.BAD_INPUT;
        }
        return tables.stream().allMatch(BenchTable::allValid) ? ExitCodes.OK : ExitCodes.CHECK_FAILED;
    }

    /** Per allocator (same order as the tables), the checked heap's throughput per trace, with --check. */
    private final List<List<OptionalDouble>> checked = new ArrayList<>();

    /**
     * The checked heap's throughput on {@code trace}: the trace's operations divided by the median
     * time of {@link CheckedReplayer}'s replay loop, timed exactly like the unchecked replay (same
     * warm-up, same clock, one reused heap emptied before each run), so the slowdown column
     * compares like with like.
     */
    private OptionalDouble checkedOpsPerSecond(Trace trace, String allocator, long ops, Replayer.Clock timedWith) {
        double median = CheckedReplayer.nanos(trace, heap -> dev.alloclab.core.alloc.Allocators.create(allocator, heap),
                heapLimit.heaps(), new CheckedReplayer.Timing(runs, WARMUPS, WARMUP_TIME, timedWith));
        return OptionalDouble.of(ops / (median / 1e9));
    }

    /** Parses the traces: the bundled suite, or every {@code .rep} file of {@code --traces} that can be read. */
    private void loadTraces(List<Trace> traces) throws IOException {
        if (traceDir == null) {
            traces.addAll(TraceSuite.performanceTraces());
            return;
        }
        if (!Files.isDirectory(traceDir)) {
            throw new KitException("trace folder '" + traceDir + "' does not exist or is not a folder. "
                    + "Pass a folder that holds .rep files.");
        }
        List<Path> files = new ArrayList<>();
        try (Stream<Path> listing = Files.list(traceDir)) {
            listing.filter(p -> p.getFileName().toString().endsWith(".rep")).sorted().forEach(files::add);
        }
        if (files.isEmpty()) {
            throw new KitException("trace folder '" + traceDir + "' holds no .rep files. "
                    + "Write some with 'alloclab traces generate --out " + traceDir + "'.");
        }
        int maxHeapBytes = heapLimit.heaps().get().maxSize();
        for (Path file : files) {
            try {
                Trace trace = Trace.read(file, ParseMode.LENIENT);
                Replayer.checkProgram(trace, maxHeapBytes); // a double free found now costs this file, not the run
                traces.add(trace);
            } catch (KitException unreadable) {
                this.unreadable.add(unreadable.getMessage());
            }
        }
        if (traces.isEmpty()) {
            throw new KitException("no trace in '" + traceDir + "' could be read; the first one says: "
                    + this.unreadable.get(0));
        }
    }

    /**
     * Why each trace of {@code --traces} that could not be parsed was left out. One broken file in a folder of
     * real traces should cost that file, not the whole run: the others are measured, these are listed under the
     * table (and in the JSON as {@code unreadable}), and the exit code is 2.
     */
    private final List<String> unreadable = new ArrayList<>();

    /**
     * Times libc on the traces as the Java side parsed them: each is written out in the canonical {@code .rep}
     * form (four header integers, one operation a line) for the C replayer, so both sides replay the same
     * operations whatever quirks the original file had (a two-number header, {@code f -1}, extra lines), and
     * the C replayer needs to read only one layout. The files are deleted afterwards.
     */
    private List<OptionalDouble> measureLibc(List<Trace> traces, PrintWriter err, Replayer.Clock timedWith)
            throws IOException {
        err.println("bench: libc: building and running " + LibcBaseline.SOURCE);
        err.flush();
        LibcBaseline baseline = LibcBaseline.build();
        Path dir = Files.createTempDirectory("alloclab-bench-");
        try {
            List<Path> files = new ArrayList<>();
            for (int i = 0; i < traces.size(); i++) {
                // numbered: two traces may share a file name (bundled names, or one name in two folders)
                Path file = dir.resolve(String.format(Locale.ROOT, "%03d.rep", i));
                Files.writeString(file, traces.get(i).toRep(), StandardCharsets.UTF_8);
                files.add(file);
            }
            Map<Path, Double> measured;
            try {
                measured = baseline.opsPerSecond(files, runs, timedWith == Replayer.Clock.THREAD_CPU);
            } catch (KitException e) {
                // the replayer names the file it was given: name the trace the user knows instead
                String message = e.getMessage();
                for (int i = 0; i < files.size(); i++) {
                    message = message.replace(files.get(i).toString(), traces.get(i).name());
                }
                throw new KitException(message);
            }
            List<OptionalDouble> libc = new ArrayList<>();
            for (Path file : files) {
                Double ops = measured.get(file);
                libc.add(ops == null ? OptionalDouble.empty() : OptionalDouble.of(ops));
            }
            return libc;
        } finally {
            TempFolders.deleteQuietly(dir);
        }
    }

    /** A trace's name in the table: its file name when it came from {@code --traces}, whose folder the user typed. */
    private String shownName(ReplayReport report) {
        if (traceDir == null) {
            return report.trace();
        }
        Path file = Path.of(report.trace()).getFileName();
        return file == null ? report.trace() : file.toString();
    }

    private String text(List<BenchTable> tables, Replayer.Clock timedWith) {
        StringBuilder out = new StringBuilder();
        for (int t = 0; t < tables.size(); t++) {
            BenchTable table = tables.get(t);
            List<OptionalDouble> checkedOps = checked.get(t);
            boolean libc = table.libcOpsPerSecond().isPresent();
            int width = 24;
            for (ReplayReport r : table.reports()) {
                width = Math.max(width, shownName(r).length());
            }
            String name = "  %-" + width + "s";
            out.append(String.format(Locale.ROOT, "Allocator %s: %d traces, median of %d timed runs (%s time)%n",
                    table.allocator(), table.reports().size(), runs,
                    timedWith == Replayer.Clock.THREAD_CPU ? "CPU" : "wall"));
            out.append(String.format(Locale.ROOT, name + " %8s %6s %7s %10s%s%n", "trace", "ops", "valid", "util",
                    "Kops", libc ? String.format(Locale.ROOT, " %10s %8s", "libc Kops", "vs libc") : "")
                    .stripTrailing() + (check ? String.format(Locale.ROOT, " %12s %9s", "checked Kops", "slowdown") : "")
                    + System.lineSeparator());
            for (int i = 0; i < table.reports().size(); i++) {
                ReplayReport r = table.reports().get(i);
                out.append(String.format(Locale.ROOT, name + " %8d %6s %7s %10s", shownName(r), r.ops(),
                        r.valid() ? "yes" : "no", pct(r.utilization()), kops(r.opsPerSecond())));
                if (libc) {
                    double c = table.libcPerTrace().get(i).getAsDouble();
                    out.append(String.format(Locale.ROOT, " %10s %8s", kops(c), ratio(r.opsPerSecond() / c)));
                }
                if (check) {
                    OptionalDouble c = checkedOps.get(i);
                    out.append(c.isPresent() ? String.format(Locale.ROOT, " %12s %8.1fx", kops(c.getAsDouble()),
                            r.opsPerSecond() / c.getAsDouble()) : String.format(Locale.ROOT, " %12s %9s", "-", "-"));
                }
                out.append(System.lineSeparator());
                r.failure().ifPresent(f -> out.append("      ").append(failureLine(f)).append(System.lineSeparator())
                        .append("      (the heap around it: alloclab replay ").append(r.trace()).append(" --allocator ")
                        .append(table.allocator()).append(')').append(System.lineSeparator()));
            }
            out.append(String.format(Locale.ROOT, name + " %8d %6s %7s %10s", "total / average",
                    table.reports().stream().mapToLong(ReplayReport::ops).sum(), table.allValid() ? "yes" : "no",
                    pct(table.averageUtilization()), kops(table.opsPerSecond())));
            if (libc) {
                double c = table.libcOpsPerSecond().getAsDouble();
                out.append(String.format(Locale.ROOT, " %10s %8s", kops(c), ratio(table.opsPerSecond() / c)));
            }
            out.append(System.lineSeparator());
            out.append(String.format(Locale.ROOT, "  lowest utilization %s; performance index %.1f / 100 "
                            + "(0.6 x util + 0.4 x min(1, %s / %s Kops/s, %s))%n%n",
                    pct(table.minimumUtilization()), table.performanceIndex(), kops(table.opsPerSecond()),
                    kops(table.targetOpsPerSecond()), libc ? "libc in this run" : "the fixed target"));
        }
        return out.toString();
    }

    private String json(List<BenchTable> tables, Replayer.Clock timedWith) {
        StringBuilder out = new StringBuilder("{\n  \"runs\": ").append(runs)
                .append(",\n  \"clock\": ").append(quote(timedWith == Replayer.Clock.THREAD_CPU ? "cpu" : "wall"))
                .append(",\n  \"traces\": ").append(quote(traceDir == null ? "bundled" : traceDir.toString()))
                .append(",\n  \"allocators\": [");
        for (int t = 0; t < tables.size(); t++) {
            BenchTable table = tables.get(t);
            OptionalDouble libc = table.libcOpsPerSecond();
            out.append(t == 0 ? "\n" : ",\n").append("    {\"allocator\": ").append(quote(table.allocator()))
                    .append(", \"valid\": ").append(table.allValid()).append(",\n      \"traces\": [");
            for (int i = 0; i < table.reports().size(); i++) {
                ReplayReport r = table.reports().get(i);
                out.append(i == 0 ? "\n" : ",\n").append("        {\"trace\": ").append(quote(r.trace()))
                        .append(", \"ops\": ").append(r.ops())
                        .append(", \"valid\": ").append(r.valid())
                        .append(", \"utilization\": ").append(number(r.utilization()))
                        .append(", \"kops\": ").append(number(r.kops()));
                if (libc.isPresent()) {
                    double c = table.libcPerTrace().get(i).getAsDouble();
                    out.append(", \"libcKops\": ").append(number(c / 1000))
                            .append(", \"versusLibc\": ").append(number(r.opsPerSecond() / c));
                }
                OptionalDouble c = checked.get(t).get(i);
                if (c.isPresent()) {
                    out.append(", \"checkedKops\": ").append(number(c.getAsDouble() / 1000))
                            .append(", \"checkedSlowdown\": ").append(number(r.opsPerSecond() / c.getAsDouble()));
                }
                r.failure().ifPresent(f -> out.append(", \"failure\": ").append(quote(failureLine(f))));
                out.append('}');
            }
            out.append("\n      ],\n      \"averages\": {\"utilization\": ").append(number(table.averageUtilization()))
                    .append(", \"minUtilization\": ").append(number(table.minimumUtilization()))
                    .append(", \"kops\": ").append(number(table.opsPerSecond() / 1000));
            if (libc.isPresent()) {
                out.append(", \"libcKops\": ").append(number(libc.getAsDouble() / 1000))
                        .append(", \"versusLibc\": ").append(number(table.opsPerSecond() / libc.getAsDouble()));
            }
            out.append("},\n      \"throughputTarget\": {\"kops\": ").append(number(table.targetOpsPerSecond() / 1000))
                    .append(", \"source\": ").append(quote(libc.isPresent() ? "libc" : "fixed")).append("},")
                    .append("\n      \"performanceIndex\": ").append(number(table.performanceIndex())).append('}');
        }
        out.append("\n  ]");
        if (!unreadable.isEmpty()) {
            out.append(",\n  \"unreadable\": [");
            for (int i = 0; i < unreadable.size(); i++) {
                out.append(i == 0 ? "\n    " : ",\n    ").append(quote(unreadable.get(i)));
            }
            out.append("\n  ]");
        }
        return out.append("\n}\n").toString();
    }

    /** The first broken rule in one line; {@code replay} prints the whole report with its heap picture. */
    static String failureLine(ValidationFailure failure) {
        return failure.kind().headline() + " at " + failure.where() + ": " + failure.sentence();
    }

    private static String pct(double fraction) {
        return String.format(Locale.ROOT, "%.1f%%", 100 * fraction);
    }

    private static String kops(double opsPerSecond) {
        return Double.isNaN(opsPerSecond) ? "-" : String.format(Locale.ROOT, "%.0f", opsPerSecond / 1000);
    }

    /** A throughput ratio with two decimals, or "-" where one side was not timed (a failed trace). */
    private static String ratio(double value) {
        return Double.isFinite(value) ? String.format(Locale.ROOT, "%.2f", value) : "-";
    }

    private static String number(double value) {
        return Double.isFinite(value) ? String.format(Locale.ROOT, "%.4f", value) : "null";
    }

    static String quote(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
