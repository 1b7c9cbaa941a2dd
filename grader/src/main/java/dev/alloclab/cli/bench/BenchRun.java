package dev.alloclab.cli.bench;

import static dev.alloclab.cli.Words.plural;

import dev.alloclab.core.IoReason;
import dev.alloclab.core.KitException;
import dev.alloclab.core.check.Violation;
import dev.alloclab.core.ShellWord;
import dev.alloclab.core.trace.CheckedReplayReport;
import dev.alloclab.core.trace.CheckedReplayer;
import dev.alloclab.core.trace.ParseMode;
import dev.alloclab.core.trace.ReplayReport;
import dev.alloclab.core.trace.Replayer;
import dev.alloclab.core.trace.Trace;
import dev.alloclab.core.trace.TraceOp;
import dev.alloclab.core.trace.TraceQuirk;
import dev.alloclab.core.trace.TraceSuite;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.function.IntFunction;
import java.util.stream.Stream;

/**
 * The measuring half of {@code alloclab bench}: reads the traces, then replays every trace on every allocator
 * (validated once, then timed; with {@code --versus-libc} libc is timed on the trace just before the allocator's
 * timed runs, see {@link LibcSide}; with {@code --check} timed on the checked heap too), telling its progress on
 * standard error. One object per bench: {@link #measure()} fills it once and returns a {@link BenchResult}, which
 * {@link BenchText} and {@link BenchJson} print.
 *
 * <p>Internal to the grader.
 */
public final class BenchRun {
    /** From this many operations on, bench says what each phase of a trace is doing, and bounds its warm-up. */
    public static final int LONG_TRACE_OPS = 100_000;
    /**
     * The warm-up of a long trace stops once a run is made and this much time has passed: one run of a million
     * operations has warmed the JIT, and ten more cost half a minute. Short traces keep their warm-up runs.
     */
    static final Duration LONG_TRACE_WARMUP_LIMIT = Duration.ofSeconds(2);

    private final BenchSettings settings;
    private final PrintWriter err;

    /** Why each {@code --traces} file that could not be parsed was left out (see {@link BenchResult#unreadable()}). */
    private final List<String> unreadable = new ArrayList<>();
    /** Per trace name, what the lenient reading changed in its program (see {@link BenchResult#changes()}). */
    private final Map<String, List<String>> changes = new HashMap<>();
    /** With --check, per trace name, what its program does wrong or does more on the checked heap. */
    private final Map<String, String> checkedNotes = new LinkedHashMap<>();
    /** The names of the traces whose replay failed on some allocator. */
    private final Set<String> failedTraces = new LinkedHashSet<>();
    /** The traces of the last measurement. */
    private List<Trace> measured = List.of();
    /** Called at every phase of every replay (see {@link #heartbeat}). */
    private Runnable heartbeat = () -> { };

    /** The traces the last measurement replayed, in its order (what {@code measure --html} steps through). */
    public List<Trace> traces() {
        return measured;
    }

    /**
     * Also calls {@code beat} whenever a replay enters a phase (validation, warm-up, timing): {@code measure}'s watch
     * over a learner's allocator counts those as progress, so a slow allocator is not taken for an endless loop.
     */
    public BenchRun heartbeat(Runnable beat) {
        this.heartbeat = beat;
        return this;
    }

    /** A bench with {@code settings} that tells its progress on {@code err}. */
    public BenchRun(BenchSettings settings, PrintWriter err) {
        this.settings = settings;
        this.err = err;
    }

    /**
     * Reads the traces and measures them. Libc is not this class's: {@code bench --versus-libc} goes through
     * {@link LibcSide#measureBeside}, so that the measuring half of the bench (which {@code alloclab measure} runs in
     * a student starter, where there is no C replayer) names nothing of libc's.
     *
     * @throws KitException if no trace can be read; one trace that fails to replay costs only that trace (listed in
     *     the result)
     * @throws IllegalStateException if the settings ask for libc
     */
    public BenchResult measure() throws IOException {
        if (settings.versusLibc()) {
            throw new IllegalStateException("versus libc is measured by LibcSide.measureBeside");
        }
        return measure(loadTraces(), null);
    }

    /**
     * Replays {@code traces} on every allocator; with {@code libc} (not null: libc's throughput on the trace at an
     * index, measured when called, see {@link LibcSide#measure}) times libc on each trace too.
     */
    BenchResult measure(List<Trace> traces, IntFunction<OptionalDouble> libc) {
        measured = List.copyOf(traces);
        Replayer.Clock timedWith = settings.clock();
        List<BenchResult.AllocatorResult> results = new ArrayList<>();
        for (BenchedAllocator allocator : settings.allocators()) {
            String name = allocator.name();
            List<ReplayReport> reports = new ArrayList<>();
            List<OptionalDouble> libcTimes = new ArrayList<>();
            List<OptionalDouble> checkedOps = new ArrayList<>();
            List<String> failed = new ArrayList<>();
            for (int i = 0; i < traces.size(); i++) {
                Trace trace = traces.get(i);
                err.printf("bench: %s: %s (%d/%d)%n", name, trace.name(), i + 1, traces.size());
                err.flush();
                boolean longTrace = trace.size() >= LONG_TRACE_OPS;
                LibcTiming libcTiming = new LibcTiming(libc, i);
                Replayer replayer = Replayer.using(name, allocator.factory()).heap(settings.heaps()).runs(settings.runs())
                        .warmups(settings.warmups()).warmupTime(settings.warmupTime()).clock(timedWith)
                        .onPhase(phase -> {
                            heartbeat.run();
                            if (longTrace) {
                                tellPhase(trace, phase);
                            }
                            if (phase == Replayer.Phase.TIMING) {
                                libcTiming.measure(); // back to back with the allocator's timed runs
                            }
                        });
                if (longTrace) {
                    replayer = replayer.warmupLimit(LONG_TRACE_WARMUP_LIMIT)
                            .onProgress(new ValidationProgress(err, "bench:   "));
                }
                try {
                    ReplayReport report = replayer.replay(trace);
                    OptionalDouble checkedSpeed = OptionalDouble.empty();
                    if (settings.check() && report.valid()) {
                        if (longTrace) {
                            err.printf(Locale.ROOT, "bench:   checked heap: warming up (one run at least, then until "
                                    + "about %d s have passed), then %s of one unchecked and one checked run...%n",
                                    LONG_TRACE_WARMUP_LIMIT.toSeconds(), plural(settings.runs(), "round"));
                            err.flush();
                        }
                        checkedSpeed = checkedOpsPerSecond(trace, allocator, report.opsPerSecond(), longTrace);
                        noteCheckedProgram(trace, allocator);
                    }
                    reports.add(report);
                    checkedOps.add(checkedSpeed);
                    if (libc != null) {
                        libcTimes.add(libcTiming.result());
                    }
                } catch (KitException e) {
                    libcTiming.rethrowFailure(); // libc's failure stops the bench; it is not the allocator's
                    // one trace the JVM cannot hold (or any replay failure) costs that trace, not the other tables
                    failed.add(trace.name() + " on " + name + ": " + e.getMessage());
                    failedTraces.add(trace.name());
                }
            }
            results.add(new BenchResult.AllocatorResult(new BenchTable(name, reports, libcTimes), checkedOps, failed));
        }
        return new BenchResult(settings, results, traces.size(), unreadable, changes, checkedNotes, failedTraces.size());
    }

    /**
     * libc's figure for one trace on one allocator: taken when the allocator's timed runs are about to start, or,
     * for a trace that never got that far (it failed validation, or its timed runs were refused), after the replay,
     * so that the table still shows libc on every trace. A failure of the C replayer is kept here, not thrown
     * through the replay, where it would read as the allocator's failure.
     */
    private static final class LibcTiming {
        private final IntFunction<OptionalDouble> libc;
        private final int index;
        private OptionalDouble measured;
        private KitException failure;

        LibcTiming(IntFunction<OptionalDouble> libc, int index) {
            this.libc = libc;
            this.index = index;
        }

        void measure() {
            if (libc != null && measured == null && failure == null) {
                try {
                    measured = libc.apply(index);
                } catch (KitException e) {
                    failure = e;
                }
            }
        }

        /** The figure, measured now if the timed runs never started. */
        OptionalDouble result() {
            measure();
            rethrowFailure();
            return measured;
        }

        void rethrowFailure() {
            if (failure != null) {
                throw failure;
            }
        }
    }

    /** A long trace's phase on standard error, so that a minute of silence is not taken for a hang. */
    private void tellPhase(Trace trace, Replayer.Phase phase) {
        switch (phase) {
            case VALIDATING -> err.printf(Locale.ROOT, "bench:   %,d operations: validating (one run under the validator)...%n",
                    trace.size());
            // a run of a long trace can itself take longer than the warm-up's 2 s: say "at least one run", never "at most"
            case WARMING_UP -> err.printf(Locale.ROOT, "bench:   warming up (untimed: one run at least, then until about "
                    + "%d s have passed)...%n", LONG_TRACE_WARMUP_LIMIT.toSeconds());
            case TIMING -> err.printf("bench:   timing %s (each about as long as a warm-up run)...%n",
                    plural(settings.runs(), "run"));
        }
        err.flush();
    }

    /**
     * With --check, the traces whose program makes mistakes on the checked heap (a teaching trace's use-after-free,
     * a leak) or reads and writes its blocks, one sentence each: the table times such a program, reports and reads
     * included, and says nothing else about it. Replays {@code trace} once on the checked heap, once per trace.
     */
    private void noteCheckedProgram(Trace trace, BenchedAllocator allocator) {
        if (checkedNotes.containsKey(trace.name())) {
            return;
        }
        long readsAndWrites = trace.ops().size() - replayedOps(trace);
        String work = readsAndWrites == 0 ? "" : " The checked heap also replays its " + plural(readsAndWrites, "rd/w line")
                + ", which the unchecked replay skips, so its slowdown counts that work too.";
        CheckedReplayReport program = CheckedReplayer.replay(trace, allocator.create(settings.heaps().get()),
                allocator.name());
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
            what.add("leaks " + String.format(Locale.ROOT, "%,d", program.leaks().bytesInUse())
                    + (program.leaks().bytesInUse() == 1 ? " byte" : " bytes"));
        }
        String made = what.get(0).startsWith("leaks") ? String.join(" and ", what) : "makes " + String.join(" and ", what);
        checkedNotes.put(trace.name(), "--check: the program of " + trace.name() + " " + made
                + " on the checked heap; its checked time includes the reports." + work + " See ./alloclab replay "
                + ShellWord.of(trace.name()) + " --check.");
    }

    /**
     * The checked heap's throughput on {@code trace}, as the table shows it: the unchecked throughput divided by the
     * slowdown {@link CheckedReplayer#slowdown} measures in alternating runs (one unchecked run, one checked run,
     * round after round, the median of the rounds' ratios), so the slowdown column is that ratio. Both loops are
     * timed alike (same warm-up, same clock, one reused heap emptied before each run); timed one side after the
     * other instead, a burst of load on a shared machine could cover one side's runs alone and move the ratio 2 to 7
     * times.
     */
    private OptionalDouble checkedOpsPerSecond(Trace trace, BenchedAllocator allocator, double uncheckedOpsPerSecond,
                                               boolean longTrace) {
        if (!(uncheckedOpsPerSecond > 0)) {
            return OptionalDouble.empty(); // the timed runs were refused (an allocator that answered differently)
        }
        double slowdown = CheckedReplayer.slowdown(trace, allocator.factory(), settings.heaps(),
                new CheckedReplayer.Timing(settings.runs(), settings.warmups(), settings.warmupTime(), settings.clock(),
                        longTrace ? LONG_TRACE_WARMUP_LIMIT : Duration.ZERO));
        return OptionalDouble.of(uncheckedOpsPerSecond / slowdown);
    }

    /**
     * Parses the traces: the bundled suite, every {@code .rep} file of the {@code --traces} folder that can be
     * read, the one file {@code --traces} names (as the Malloc Lab driver's {@code -f}), or the one bundled trace it
     * names when no such file or folder exists (as {@code replay} takes a name).
     */
    List<Trace> loadTraces() throws IOException {
        List<Trace> traces = new ArrayList<>();
        Path traceDir = settings.traces();
        int maxHeapBytes = settings.maxHeapBytes();
        if (traceDir == null) {
            traces.addAll(TraceSuite.performanceTraces());
            traces.forEach(trace -> changes.put(trace.name(), changesOf(trace, maxHeapBytes)));
            return traces;
        }
        if (traceDir.toString().isEmpty()) {
            throw new KitException("--traces needs a folder of .rep files or one .rep file, but was empty.");
        }
        String bundledName = traceDir.toString().replaceFirst("\\.rep$", "");
        if (!Files.exists(traceDir) && TraceSuite.names().contains(bundledName)) {
            // "--traces coalescing", as replay takes it: one of the kit's own traces, by name
            traces.add(Trace.bundled(bundledName));
            traces.forEach(trace -> changes.put(trace.name(), changesOf(trace, maxHeapBytes)));
            return traces;
        }
        if (!Files.exists(traceDir)) {
            boolean looksLikeName = traceDir.getNameCount() == 1 && !traceDir.isAbsolute();
            throw new KitException("trace folder '" + traceDir + "' does not exist"
                    + (looksLikeName ? ", nor is it one of the kit's traces (" + String.join(", ", TraceSuite.names()) + ")" : "")
                    + ". Pass a folder that holds .rep files (or one .rep file), or leave --traces out to bench the "
                    + "kit's own suite.");
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
                listing.filter(Trace::hasTraceExtension).sorted().forEach(files::add);
            } catch (IOException e) {
                throw new KitException("cannot list trace folder '" + traceDir + "': " + IoReason.of(e, traceDir) + ".");
            }
        }
        if (files.isEmpty()) {
            throw new KitException("trace folder '" + traceDir + "' holds no .rep files. "
                    + "Write some with './alloclab traces generate --out " + traceDir + "'.");
        }
        for (Path file : files) {
            if (!oneFile && Files.isSymbolicLink(file) && !Files.exists(file)) {
                unreadable.add("'" + file + "' is a symbolic link to '" + linkTarget(file) + "', which does not exist: "
                        + "skipped.");
                continue;
            }
            if (!oneFile && Files.exists(file) && !Files.isRegularFile(file)) {
                // a named pipe would block the read for ever; a folder or device named *.rep is no trace either
                unreadable.add("'" + file + "' is not a regular file (a folder, a named pipe or a device): skipped.");
                continue;
            }
            try {
                Trace trace = Trace.read(file, ParseMode.LENIENT);
                // checks the program too: a double free found now costs this file, not the run
                changes.put(trace.name(), changesOf(trace, maxHeapBytes));
                traces.add(trace);
            } catch (KitException unreadableFile) {
                if (oneFile) {
                    throw unreadableFile;
                }
                unreadable.add(unreadableFile.getMessage());
            }
        }
        if (traces.isEmpty()) {
            throw new KitException("no trace in '" + traceDir + "' could be read:" + System.lineSeparator() + "  - "
                    + String.join(System.lineSeparator() + "  - ", unreadable));
        }
        return traces;
    }

    /** Where the symbolic link {@code link} points, as it is written, or "?" if that cannot be read. */
    private static String linkTarget(Path link) {
        try {
            return Files.readSymbolicLink(link).toString();
        } catch (IOException | UnsupportedOperationException e) {
            return "?";
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

    /** The operations the Java replayer counts in {@code trace}: every line but the reads and writes. */
    static long replayedOps(Trace trace) {
        return trace.ops().stream().filter(op -> !(op instanceof TraceOp.Read || op instanceof TraceOp.Write)).count();
    }
}
