package dev.alloclab.cli;

import dev.alloclab.cli.bench.BenchTable;
import dev.alloclab.cli.bench.LibcBaseline;
import dev.alloclab.core.IoReason;
import dev.alloclab.core.KitException;
import dev.alloclab.core.check.ValidationFailure;
import dev.alloclab.core.trace.CheckedReplayReport;
import dev.alloclab.core.check.Violation;
import dev.alloclab.core.trace.CheckedReplayReport;
import dev.alloclab.core.trace.CheckedReplayer;
import dev.alloclab.core.trace.ParseMode;
import dev.alloclab.core.trace.ReplayReport;
import dev.alloclab.core.trace.Replayer;
import dev.alloclab.core.trace.Trace;
import dev.alloclab.core.trace.TraceOp;
import dev.alloclab.core.trace.TraceQuirk;
import dev.alloclab.core.trace.TraceSuite;
import dev.alloclab.grader.TempFolders;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
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

    @Option(names = "--libc-keep-heap",
            description = "With --versus-libc: glibc keeps the memory it took between runs (no trimming of its heap, "
                    + "no block mapped on its own), as the kit's preallocated heap does. By default glibc runs as a "
                    + "program gets it, as the Malloc Lab driver measures libc.")
    boolean libcKeepHeap;

    /** From this many operations on, bench says what each phase of a trace is doing, and bounds its warm-up. */
    static final int LONG_TRACE_OPS = ReplayCommand.LONG_TRACE_OPS;
    /**
     * The warm-up of a long trace stops once a run is made and this much time has passed: one run of a million
     * operations has warmed the JIT, and ten more cost half a minute. Short traces keep {@link #WARMUPS}.
     */
    static final Duration LONG_TRACE_WARMUP_LIMIT = Duration.ofSeconds(2);

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
        if (libcKeepHeap && !versusLibc) {
            throw new KitException("--libc-keep-heap says how libc is measured: add --versus-libc, or drop it.");
        }
        Replayer.Clock timedWith = clock.equals("wall") ? Replayer.Clock.WALL : Replayer.Clock.best();
        allocators.forEach(dev.alloclab.core.alloc.Allocators::named); // unknown names fail now, with the list
        allocators = List.copyOf(new java.util.LinkedHashSet<>(allocators)); // a name given twice is measured once
        PrintWriter err = spec.commandLine().getErr();
        List<Trace> traces = new ArrayList<>();
        unreadable.clear();
        changes.clear();
        notReplayed.clear();
        checkedNotes.clear();
        failedTraces.clear();
        loadTraces(traces);
        List<OptionalDouble> libc = versusLibc ? measureLibc(traces, err, timedWith) : List.of();
        List<BenchTable> tables = new ArrayList<>();
        checked.clear();
        for (String name : allocators) {
            List<ReplayReport> reports = new ArrayList<>();
            List<OptionalDouble> libcKept = new ArrayList<>();
            List<OptionalDouble> checkedOps = new ArrayList<>();
            List<String> failed = new ArrayList<>();
            checked.add(checkedOps);
            notReplayed.add(failed);
            for (int i = 0; i < traces.size(); i++) {
                Trace trace = traces.get(i);
                err.printf("bench: %s: %s (%d/%d)%n", name, trace.name(), i + 1, traces.size());
                err.flush();
                boolean longTrace = trace.size() >= LONG_TRACE_OPS;
                Replayer replayer = Replayer.forAllocator(name).heap(heapLimit.heaps()).runs(runs).warmups(WARMUPS)
                        .warmupTime(WARMUP_TIME).clock(timedWith);
                if (longTrace) {
                    replayer = replayer.warmupLimit(LONG_TRACE_WARMUP_LIMIT).onPhase(phase -> tellPhase(err, trace, phase));
                }
                try {
                    ReplayReport report = replayer.replay(trace);
                    OptionalDouble checkedSpeed = OptionalDouble.empty();
                    if (check && report.valid()) {
                        if (longTrace) {
                            err.printf(Locale.ROOT, "bench:   checked heap: warming up (at most about %d s), then %s...%n",
                                    LONG_TRACE_WARMUP_LIMIT.toSeconds(), plural(runs, "timed run"));
                            err.flush();
                        }
                        checkedSpeed = checkedOpsPerSecond(trace, name, report.ops(), timedWith, longTrace);
                        noteCheckedProgram(trace, name);
                    }
                    reports.add(report);
                    checkedOps.add(checkedSpeed);
                    if (versusLibc) {
                        libcKept.add(libc.get(i));
                    }
                } catch (KitException e) {
                    // one trace the JVM cannot hold (or any replay failure) costs that trace, not the other tables
                    failed.add(trace.name() + " on " + name + ": " + e.getMessage());
                    failedTraces.add(trace.name());
                }
            }
            tables.add(new BenchTable(name, reports, libcKept));
        }
        PrintWriter out = spec.commandLine().getOut();
        out.print(format.equals("json") ? json(tables, timedWith) : text(tables, timedWith));
        out.flush();
        checkedNotes.values().forEach(line -> err.println("bench: " + line));
        err.flush();
        List<String> leftOut = new ArrayList<>(unreadable);
        notReplayed.forEach(leftOut::addAll);
        if (!leftOut.isEmpty()) {
            err.printf("bench: %d of %s could not be read or replayed and were left out (%s):%n",
                    unreadable.size() + failedTraces.size(), plural(unreadable.size() + traces.size(), "trace"),
                    traceDir == null ? "see why below" : "fix them, or move them out of '" + traceDir + "'");
            leftOut.forEach(reason -> err.println("  " + reason));
            err.flush();
            return ExitCodes.BAD_INPUT;
        }
        return tables.stream().allMatch(BenchTable::allValid) ? ExitCodes.OK : ExitCodes.CHECK_FAILED;
    }

    /** A long trace's phase on standard error, so that a minute of silence is not taken for a hang. */
    private void tellPhase(PrintWriter err, Trace trace, Replayer.Phase phase) {
        switch (phase) {
            case VALIDATING -> err.printf(Locale.ROOT, "bench:   %,d operations: validating (one run under the validator)...%n",
                    trace.size());
            case WARMING_UP -> err.printf(Locale.ROOT, "bench:   warming up (untimed; at most about %d s)...%n",
                    LONG_TRACE_WARMUP_LIMIT.toSeconds());
            case TIMING -> err.printf("bench:   timing %s...%n", plural(runs, "run"));
        }
        err.flush();
    }

    /**
     * With --check, the traces whose program makes mistakes on the checked heap (a teaching trace's use-after-free,
     * a leak) or reads and writes its blocks, one sentence each: the table times such a program, reports and reads
     * included, and says nothing else about it.
     */
    private final Map<String, String> checkedNotes = new LinkedHashMap<>();

    /** Replays {@code trace} once on the checked heap and notes what its program does wrong or does more, once per trace. */
    private void noteCheckedProgram(Trace trace, String allocator) {
        if (checkedNotes.containsKey(trace.name())) {
            return;
        }
        long readsAndWrites = trace.ops().size() - replayedOps(trace);
        String work = readsAndWrites == 0 ? "" : " The checked heap also replays its " + plural(readsAndWrites, "rd/w line")
                + ", which the unchecked replay skips, so its slowdown counts that work too.";
        CheckedReplayReport program = CheckedReplayer.replay(trace,
                dev.alloclab.core.alloc.Allocators.create(allocator, heapLimit.heaps().get()), allocator);
        if (program.clean()) {
            if (!work.isEmpty()) {
                checkedNotes.put(trace.name(), "--check: the program of " + trace.name() + " makes no mistake."
                        + work);
            }
            return;
        }
        List<String> what = new ArrayList<>();
        if (!program.violations().isEmpty()) {
            Violation first = program.violations().get(0);
            what.add(plural(program.violations().size(), "mistake") + " (first: " + first.kind().slug()
                    + (first.site().traceLine() > 0 ? " at trace line " + first.site().traceLine() : "") + ")");
        }
        if (program.leaks().hasLeaks()) {
            what.add("leaks " + plural(program.leaks().bytesInUse(), "byte"));
        }
        checkedNotes.put(trace.name(), "--check: the program of " + trace.name() + " makes " + String.join(" and ", what)
                + " on the checked heap; its checked time includes the reports." + work + " See alloclab replay "
                + trace.name() + " --check.");
    }

    /** Per allocator (same order as the tables), the checked heap's throughput per trace, with --check. */
    private final List<List<OptionalDouble>> checked = new ArrayList<>();

    /** Per allocator (same order as the tables), the traces whose replay failed on it, with the reason. */
    private final List<List<String>> notReplayed = new ArrayList<>();

    /** The names of the traces whose replay failed on some allocator. */
    private final java.util.Set<String> failedTraces = new java.util.LinkedHashSet<>();

    /**
     * Per trace name, what the lenient reading changed in the program: requests replayed as null, lines left out,
     * a missing size. Such a row is marked ({@code yes*}): its figures describe another program than the file's.
     */
    private final Map<String, List<String>> changes = new java.util.HashMap<>();

    /**
     * The checked heap's throughput on {@code trace}: the trace's operations divided by the median
     * time of {@link CheckedReplayer}'s replay loop, timed exactly like the unchecked replay (same
     * warm-up, same clock, one reused heap emptied before each run), so the slowdown column
     * compares like with like.
     */
    private OptionalDouble checkedOpsPerSecond(Trace trace, String allocator, long ops, Replayer.Clock timedWith,
                                               boolean longTrace) {
        double median = CheckedReplayer.nanos(trace, heap -> dev.alloclab.core.alloc.Allocators.create(allocator, heap),
                heapLimit.heaps(), new CheckedReplayer.Timing(runs, WARMUPS, WARMUP_TIME, timedWith,
                        longTrace ? LONG_TRACE_WARMUP_LIMIT : Duration.ZERO));
        return OptionalDouble.of(ops / (median / 1e9));
    }

    /**
     * Parses the traces: the bundled suite, every {@code .rep} file of the {@code --traces} folder that can be
     * read, or the one file {@code --traces} names (as the Malloc Lab driver's {@code -f}).
     */
    private void loadTraces(List<Trace> traces) throws IOException {
        if (traceDir == null) {
            traces.addAll(TraceSuite.performanceTraces());
            traces.forEach(trace -> changes.put(trace.name(), changesOf(trace, heapLimit.maxBytes)));
            return;
        }
        if (traceDir.toString().isEmpty()) {
            throw new KitException("--traces needs a folder of .rep files or one .rep file, but was empty.");
        }
        if (!Files.exists(traceDir)) {
            throw new KitException("trace folder '" + traceDir + "' does not exist. Pass a folder that holds .rep "
                    + "files (or one .rep file), or leave --traces out to bench the kit's own suite.");
        }
        boolean oneFile = Files.isRegularFile(traceDir);
        if (!oneFile && !Files.isDirectory(traceDir)) {
            throw new KitException("'" + traceDir + "' is neither a folder nor a file. Pass a folder that holds .rep "
                    + "files, or one .rep file.");
        }
        List<Path> files = new ArrayList<>();
        if (oneFile) {
            files.add(traceDir);
        } else {
            try (Stream<Path> listing = Files.list(traceDir)) {
                listing.filter(p -> p.getFileName().toString().endsWith(".rep")).sorted().forEach(files::add);
            } catch (IOException e) {
                throw new KitException("cannot list trace folder '" + traceDir + "': " + IoReason.of(e, traceDir) + ".");
            }
        }
        if (files.isEmpty()) {
            throw new KitException("trace folder '" + traceDir + "' holds no .rep files. "
                    + "Write some with 'alloclab traces generate --out " + traceDir + "'.");
        }
        int maxHeapBytes = heapLimit.maxBytes;
        for (Path file : files) {
            try {
                Trace trace = Trace.read(file, ParseMode.LENIENT);
                // checks the program too: a double free found now costs this file, not the run
                changes.put(trace.name(), changesOf(trace, maxHeapBytes));
                traces.add(trace);
            } catch (KitException unreadable) {
                if (oneFile) {
                    throw unreadable;
                }
                this.unreadable.add(unreadable.getMessage());
            }
        }
        if (traces.isEmpty()) {
            throw new KitException("no trace in '" + traceDir + "' could be read; the first one says: "
                    + this.unreadable.get(0));
        }
    }

    /**
     * What the lenient reading of {@code trace} changed in its program (empty if nothing): requests larger than
     * the heap, replayed as null, and the quirks that leave lines out or change an operation.
     *
     * @throws KitException if the program misuses a block (see {@link Replayer#checkProgram})
     */
    static List<String> changesOf(Trace trace, int maxHeapBytes) {
        List<String> found = new ArrayList<>();
        int nulls = Replayer.requestsReplayedAsNull(trace, maxHeapBytes);
        if (nulls > 0) {
            found.add(plural(nulls, "request") + " larger than the heap (" + maxHeapBytes + " bytes) "
                    + (nulls == 1 ? "was" : "were") + " replayed as null");
        }
        for (TraceQuirk quirk : trace.quirks()) {
            if (quirk.changesProgram()) {
                found.add(quirk.toString());
            }
        }
        return List.copyOf(found);
    }

    /**
     * Why each trace of {@code --traces} that could not be parsed was left out. One broken file in a folder of
     * real traces should cost that file, not the whole run: the others are measured, these are listed under the
     * table (and in the JSON as {@code unreadable}), and the exit code is 2.
     */
    private final List<String> unreadable = new ArrayList<>();

    /** The operations the Java replayer counts in {@code trace}: every line but the reads and writes. */
    static long replayedOps(Trace trace) {
        return trace.ops().stream().filter(op -> !(op instanceof TraceOp.Read || op instanceof TraceOp.Write)).count();
    }

    /**
     * Times libc on the traces as the Java side parsed them: each is written out in the canonical {@code .rep}
     * form (four header integers, one operation a line) for the C replayer, which is given the heap limit so
     * that it answers the requests the Java side replays as null with NULL too, without calling malloc. Both
     * sides then replay the same operations whatever quirks the original file had (a two-number header,
     * {@code f -1}, extra lines), and the C replayer's operation count must equal the Java side's: a difference
     * would divide two different programs, and stops the bench. The files are deleted afterwards.
     */
    private List<OptionalDouble> measureLibc(List<Trace> traces, PrintWriter err, Replayer.Clock timedWith)
            throws IOException {
        err.println("bench: libc: building and running " + LibcBaseline.SOURCE
                + (libcKeepHeap ? " (glibc keeps its heap between runs: --libc-keep-heap)" : ""));
        err.flush();
        LibcBaseline baseline = LibcBaseline.build();
        Path dir;
        try {
            dir = Files.createTempDirectory("alloclab-bench-");
        } catch (IOException e) {
            throw new KitException("cannot make a folder for the libc replay's traces in the temp folder "
                    + System.getProperty("java.io.tmpdir") + ": " + IoReason.of(e) + ". Point java.io.tmpdir at a "
                    + "folder you can write (ALLOCLAB_JAVA_OPTS=-Djava.io.tmpdir=DIR).");
        }
        try {
            List<Path> files = new ArrayList<>();
            for (int i = 0; i < traces.size(); i++) {
                // numbered: two traces may share a file name (bundled names, or one name in two folders)
                Path file = dir.resolve(String.format(Locale.ROOT, "%03d.rep", i));
                Files.writeString(file, traces.get(i).toRep(), StandardCharsets.UTF_8);
                files.add(file);
            }
            Map<Path, LibcBaseline.Measurement> measured;
            try {
                measured = baseline.measure(files, new LibcBaseline.Settings(runs,
                        timedWith == Replayer.Clock.THREAD_CPU, heapLimit.maxBytes, libcKeepHeap));
            } catch (KitException e) {
                // the replayer names the file it was given: name the trace the user knows instead
                String message = e.getMessage();
                for (int i = 0; i < files.size(); i++) {
                    message = message.replace(files.get(i).toString(), traces.get(i).name());
                }
                throw new KitException(message);
            }
            List<OptionalDouble> libc = new ArrayList<>();
            for (int i = 0; i < files.size(); i++) {
                LibcBaseline.Measurement m = measured.get(files.get(i));
                int maxHeapBytes = heapLimit.maxBytes;
                if (m != null && (m.ops() != replayedOps(traces.get(i))
                        || m.nulls() != Replayer.requestsReplayedAsNull(traces.get(i), maxHeapBytes))) {
                    throw new KitException("the C replayer counted " + m.ops() + " operations (" + m.nulls()
                            + " answered with NULL) in " + traces.get(i).name() + " where the Java replayer counts "
                            + replayedOps(traces.get(i)) + " (" + Replayer.requestsReplayedAsNull(traces.get(i),
                            maxHeapBytes) + " replayed as null): libc and the "
                            + "allocators would not replay the same program, so no 'vs libc' figure is printed. "
                            + "This is a bug in " + LibcBaseline.SOURCE + " or in bench: please report it with the trace.");
                }
                libc.add(m == null ? OptionalDouble.empty() : OptionalDouble.of(m.opsPerSecond()));
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
        String nl = System.lineSeparator();
        for (int t = 0; t < tables.size(); t++) {
            BenchTable table = tables.get(t);
            List<OptionalDouble> checkedOps = checked.get(t);
            boolean libc = versusLibc && table.libcOpsPerSecond().isPresent();
            int width = 24;
            for (ReplayReport r : table.reports()) {
                width = Math.max(width, shownName(r).length());
            }
            String name = "  %-" + width + "s";
            out.append(String.format(Locale.ROOT, "Allocator %s: %s, median of %s (%s time)%s%n",
                    table.allocator(), plural(table.reports().size(), "trace"), plural(runs, "timed run"),
                    timedWith == Replayer.Clock.THREAD_CPU ? "CPU" : "wall",
                    versusLibc && libcKeepHeap ? "; libc keeps its heap between runs (--libc-keep-heap)" : ""));
            out.append(String.format(Locale.ROOT, name + " %8s %6s %7s %10s%s%s", "trace", "ops", "valid", "util",
                    "Kops", libc ? String.format(Locale.ROOT, " %10s %8s", "libc Kops", "vs libc") : "",
                    check ? String.format(Locale.ROOT, " %14s %9s", "checked Kops", "slowdown") : "").stripTrailing())
                    .append(nl);
            List<String> footnotes = new ArrayList<>();
            for (int i = 0; i < table.reports().size(); i++) {
                ReplayReport r = table.reports().get(i);
                List<String> changed = changes.getOrDefault(r.trace(), List.of());
                String mark = changed.isEmpty() ? "" : "*";
                out.append(String.format(Locale.ROOT, name + " %8d %6s %7s %10s", shownName(r), r.ops(),
                        (r.valid() ? "yes" : "no") + mark, BenchTable.hasUtilization(r) ? pct(r.utilization()) : "-",
                        r.ops() == 0 ? "-" : kops(r.opsPerSecond())));
                if (libc) {
                    double c = table.libcPerTrace().get(i).getAsDouble();
                    out.append(String.format(Locale.ROOT, " %10s %8s", r.ops() == 0 ? "-" : kops(c),
                            ratio(r.opsPerSecond() / c)));
                }
                if (check) {
                    OptionalDouble c = checkedOps.get(i);
                    out.append(c.isPresent() && r.ops() > 0 ? String.format(Locale.ROOT, " %14s %8.1fx",
                            kops(c.getAsDouble()), r.opsPerSecond() / c.getAsDouble())
                            : String.format(Locale.ROOT, " %14s %9s", "-", "-"));
                }
                out.append(nl);
                r.failure().ifPresent(f -> out.append("      ").append(failureLine(f)).append(nl)
                        .append("      (the heap around it: alloclab replay ").append(r.trace()).append(" --allocator ")
                        .append(table.allocator()).append(')').append(nl));
                if (!changed.isEmpty()) {
                    footnotes.add("  * " + shownName(r) + ": " + summary(changed) + "; see alloclab replay " + r.trace());
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
            List<String> empty = table.reports().stream().filter(r -> !BenchTable.hasUtilization(r))
                    .map(this::shownName).toList();
            if (!empty.isEmpty()) {
                out.append("  - ").append(String.join(", ", empty)).append(empty.size() == 1 ? " has" : " have")
                        .append(" no live block at any point (peak 0 bytes): no utilization, left out of the average "
                                + "and the lowest").append(nl);
            }
            out.append(nl);
        }
        return out.toString();
    }

    /** A trace's changes in one line: the first two, and how many more. */
    private static String summary(List<String> changed) {
        if (changed.size() <= 2) {
            return String.join("; ", changed);
        }
        return changed.get(0) + "; " + changed.get(1) + "; and " + plural(changed.size() - 2, "more lenient reading");
    }

    /** "1 trace", "3 traces". */
    static String plural(long count, String noun) {
        return count + " " + noun + (count == 1 ? "" : "s");
    }

    private String json(List<BenchTable> tables, Replayer.Clock timedWith) {
        StringBuilder out = new StringBuilder("{\n  \"runs\": ").append(runs)
                .append(",\n  \"clock\": ").append(quote(timedWith == Replayer.Clock.THREAD_CPU ? "cpu" : "wall"))
                .append(",\n  \"traces\": ").append(quote(traceDir == null ? "bundled" : traceDir.toString()));
        if (versusLibc) {
            out.append(",\n  \"libcKeepsHeap\": ").append(libcKeepHeap);
        }
        out.append(",\n  \"allocators\": [");
        for (int t = 0; t < tables.size(); t++) {
            BenchTable table = tables.get(t);
            OptionalDouble libc = versusLibc ? table.libcOpsPerSecond() : OptionalDouble.empty();
            out.append(t == 0 ? "\n" : ",\n").append("    {\"allocator\": ").append(quote(table.allocator()))
                    .append(", \"valid\": ").append(table.allValid()).append(",\n      \"traces\": [");
            for (int i = 0; i < table.reports().size(); i++) {
                ReplayReport r = table.reports().get(i);
                out.append(i == 0 ? "\n" : ",\n").append("        {\"trace\": ").append(quote(r.trace()))
                        .append(", \"ops\": ").append(r.ops())
                        .append(", \"valid\": ").append(r.valid())
                        .append(", \"utilization\": ").append(BenchTable.hasUtilization(r) ? number(r.utilization()) : "null")
                        .append(", \"kops\": ").append(r.ops() == 0 ? "null" : number(r.kops()));
                if (libc.isPresent()) {
                    double c = table.libcPerTrace().get(i).getAsDouble();
                    out.append(", \"libcKops\": ").append(r.ops() == 0 ? "null" : number(c / 1000))
                            .append(", \"versusLibc\": ").append(number(r.opsPerSecond() / c));
                }
                OptionalDouble c = checked.get(t).get(i);
                if (c.isPresent()) {
                    out.append(", \"checkedKops\": ").append(number(c.getAsDouble() / 1000))
                            .append(", \"checkedSlowdown\": ").append(number(r.opsPerSecond() / c.getAsDouble()));
                }
                r.failure().ifPresent(f -> out.append(", \"failure\": ").append(quote(failureLine(f))));
                out.append(", \"changes\": ").append(array(changes.getOrDefault(r.trace(), List.of())));
                out.append('}');
            }
            out.append("\n      ],\n      \"averages\": {\"utilization\": ").append(number(table.averageUtilization()))
                    .append(", \"minUtilization\": ").append(number(table.minimumUtilization()))
                    .append(", \"kops\": ").append(number(table.opsPerSecond() / 1000));
            if (libc.isPresent()) {
                out.append(", \"libcKops\": ").append(table.allValid() ? number(libc.getAsDouble() / 1000) : "null")
                        .append(", \"versusLibc\": ").append(number(table.opsPerSecond() / libc.getAsDouble()));
            }
            out.append("},\n      \"throughputTarget\": {\"kops\": ").append(number(table.targetOpsPerSecond() / 1000))
                    .append(", \"source\": ").append(quote(libc.isPresent() ? "libc" : "fixed")).append("},")
                    .append("\n      \"performanceIndex\": ").append(number(table.performanceIndex()));
            if (!notReplayed.get(t).isEmpty()) {
                out.append(",\n      \"notReplayed\": ").append(array(notReplayed.get(t)));
            }
            out.append('}');
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

    /** A JSON array of strings on one line. */
    private static String array(List<String> items) {
        StringBuilder out = new StringBuilder("[");
        for (int i = 0; i < items.size(); i++) {
            out.append(i == 0 ? "" : ", ").append(quote(items.get(i)));
        }
        return out.append(']').toString();
    }

    /** The first broken rule in one line; {@code replay} prints the whole report with its heap picture. */
    static String failureLine(ValidationFailure failure) {
        return failure.kind().headline() + " at " + failure.where() + ": " + failure.sentence();
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
