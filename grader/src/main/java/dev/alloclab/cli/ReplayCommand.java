package dev.alloclab.cli;

import dev.alloclab.cli.bench.ValidationProgress;
import dev.alloclab.core.KitException;
import dev.alloclab.core.alloc.Allocators;
import dev.alloclab.core.check.LeakReport;
import dev.alloclab.core.check.ValidationFailure;
import dev.alloclab.core.check.Violation;
import dev.alloclab.core.trace.CheckedReplayReport;
import dev.alloclab.core.trace.CheckedReplayer;
import dev.alloclab.core.trace.ParseMode;
import dev.alloclab.core.trace.ReplayReport;
import dev.alloclab.core.trace.Replayer;
import dev.alloclab.core.trace.Trace;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code alloclab replay TRACE --allocator NAME [--check]}: one trace on one allocator.
 *
 * <p>Without {@code --check}, the Malloc Lab replay: validated once (aligned, inside the heap, no
 * overlap, payloads intact, realloc keeps the prefix), then timed; prints validity, utilization
 * and throughput, or the first broken operation with a heap picture. With {@code --check}, the
 * trace is a program run on the checked heap, and its mistakes are reported.
 */
@Command(name = "replay", header = "Replay a trace on an allocator: validate, measure, draw.",
        description = {
            "TRACE is a .rep file or the name of a bundled trace (alloclab traces list).",
            "Without --check: the Malloc Lab checks on the allocator, then utilization (peak live payload / heap "
                    + "high-water mark) and throughput (median of --runs timed runs after --warmups untimed ones).",
            "With --check: the trace runs as a program on the checked heap, which reports use-after-free, double "
                    + "free, invalid free, overflow and leaks, each at its trace line."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            " 0:the allocator kept every rule (with --check: the program made no mistake)",
            " 1:the allocator broke a rule or ran out of memory (with --check: the program made a mistake)",
            " 2:bad command line, or a trace that cannot be read or replayed",
            "70:a bug in alloclab (the stack trace is printed: please report it)"})
final class ReplayCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "TRACE", description = "a .rep file, or a bundled trace's name")
    String trace;

    @Option(names = "--allocator", defaultValue = "segregated", paramLabel = "NAME",
            description = "a registered allocator (alloclab list; default: ${DEFAULT-VALUE}, as bench)")
    String allocator;

    @Option(names = "--check", description = "replay on the checked heap: judge the program, not the allocator")
    boolean check;

    @Option(names = "--picture", paramLabel = "KIND", defaultValue = "text",
            description = "text (default): a heap map with a failure; none; svg: one SVG picture per step, "
                    + "written to --out DIR")
    PictureKind picture;

    @Option(names = "--out", paramLabel = "DIR", description = "where --picture svg writes step-0001.svg, ...")
    java.nio.file.Path pictureDir;

    @Option(names = "--html", paramLabel = "FILE",
            description = "also write a self-contained HTML page that steps through the replay (heap picture, "
                    + "operation and any mistake at each step)")
    java.nio.file.Path html;

    @Mixin
    HeapLimitOption heapLimit = new HeapLimitOption();

    @Option(names = "--max-steps", paramLabel = "N", defaultValue = "" + ReplaySteps.DEFAULT_MAX_STEPS,
            description = "draw at most the first N operations with --html / --picture svg (default: ${DEFAULT-VALUE})")
    int maxSteps;

    @Option(names = "--runs", paramLabel = "N", defaultValue = "" + Replayer.DEFAULT_RUNS,
            description = "timed runs; the median is reported (default: ${DEFAULT-VALUE})")
    int runs;

    @Option(names = "--warmups", paramLabel = "N", defaultValue = "" + Replayer.DEFAULT_WARMUPS,
            description = "untimed runs first, so the JIT has compiled the allocator (default: ${DEFAULT-VALUE})")
    int warmups;

    @Option(names = "--strict", description = "reject the quirks of traces in circulation (f -1, extra lines, ...); "
            + "by default they are accepted and listed")
    boolean strict;

    /** The pictures this command can draw. */
    enum PictureKind { text, none, svg }

    @Override
    public Integer call() {
        // numbers first, before the trace is read or anything is replayed or printed
        if (runs < 1) {
            throw new KitException("--runs must be at least 1 (the median of that many timed runs is reported), "
                    + "but was " + runs + ".");
        }
        if (runs > Replayer.MAX_RUNS) {
            throw new KitException("--runs must be at most " + Replayer.MAX_RUNS + " (each run replays the whole "
                    + "trace; the median hardly moves after a few dozen), but was " + runs + ".");
        }
        if (warmups < 0) {
            throw new KitException("--warmups must be 0 or more (untimed runs before the timed ones), but was "
                    + warmups + ".");
        }
        if (maxSteps < 1) {
            throw new KitException("--max-steps must be at least 1 (how many operations --html and --picture svg "
                    + "draw), but was " + maxSteps + ".");
        }
        Allocators.named(allocator); // an unknown name is a sentence with the known names
        Trace loaded = TraceArgument.load(trace, strict ? ParseMode.STRICT : ParseMode.LENIENT);
        if (picture == PictureKind.svg && pictureDir == null) {
            throw new IllegalArgumentException("--picture svg writes one picture per step into a folder: add "
                    + "--out DIR (for example --out pictures/).");
        }
        if (pictureDir != null && picture != PictureKind.svg) {
            throw new IllegalArgumentException("--out DIR is the folder --picture svg writes its pictures to: add "
                    + "--picture svg, or drop --out (--html FILE takes its own file name).");
        }
        PrintWriter printer = spec.commandLine().getOut();
        if (loaded.ops().size() >= LONG_TRACE_OPS) {
            // a long trace takes seconds per run: say what is coming rather than stay silent
            PrintWriter err = spec.commandLine().getErr();
            err.printf(java.util.Locale.ROOT, "replay: %,d operations on %s: %s...%n", loaded.ops().size(), allocator, check
                    ? "one run on the checked heap"
                    : "one validated run, then " + Words.plural(warmups, "warm-up run") + " and "
                            + Words.plural(runs, "timed run"));
            err.flush();
        }
        int exit = check ? checked(loaded, printer) : malloclab(loaded, printer);
        writeSteps(loaded, printer);
        printer.flush();
        return exit;
    }

    /** The rule the validated replay found broken, for the step pictures (null: none, or a checked replay). */
    private ValidationFailure brokenRule;

    /** From this many operations on, a replay says on standard error what it is about to do. */
    static final int LONG_TRACE_OPS = dev.alloclab.cli.bench.BenchRun.LONG_TRACE_OPS;

    private void writeSteps(Trace loaded, PrintWriter printer) {
        if (html == null && picture != PictureKind.svg) {
            return;
        }
        ReplaySteps steps = new ReplaySteps(loaded, allocator, maxSteps, heapLimit.heaps())
                .comments(TraceArgument.comments(trace));
        if (brokenRule != null) {
            steps.brokeAt(brokenRule);
        }
        String limit = steps.truncated() ? " (the first " + maxSteps + " operations; raise --max-steps for more)" : "";
        if (html != null) {
            int count = steps.writeHtml(html);
            printer.println();
            printer.println(count == 0 ? "step-through page: none written to " + html + ": the trace has no operations "
                    + "to step through" : "step-through page: " + html + ", " + count + " steps" + limit);
        }
        if (picture == PictureKind.svg) {
            int count = steps.writeSvgs(pictureDir);
            printer.println();
            printer.println("pictures: " + count + " SVG files in "
                    + (pictureDir.toString().isEmpty() ? "." : pictureDir) + limit);
        }
    }

    private int malloclab(Trace loaded, PrintWriter out) {
        Replayer replayer = Replayer.forAllocator(allocator).heap(heapLimit.heaps()).runs(runs).warmups(warmups);
        if (loaded.ops().size() >= LONG_TRACE_OPS) {
            replayer = replayer.onProgress(new ValidationProgress(spec.commandLine().getErr(), "replay: "));
        }
        ReplayReport report = replayer.replay(loaded);
        out.printf("trace       %s (%s)%n", report.trace(), Words.plural(report.ops(), "op"));
        out.printf("allocator   %s%n", report.allocator());
        out.printf("valid       %s%n", report.valid() ? "yes" : "NO");
        if (report.peakLiveBytes() == 0 && report.valid()) {
            // 0 of 0 bytes is no measure of the allocator, as bench's "-" says; 0.0 % would read as a terrible one
            out.println("utilization -  (no live block at any point: nothing to measure)");
        } else {
            out.printf(Locale.ROOT, "utilization %.1f %%  (peak live payload %d bytes / heap %d bytes)%s%n",
                    100 * report.utilization(), report.peakLiveBytes(), report.heapBytes(),
                    report.valid() ? "" : ", up to the failure");
        }
        if (report.ops() == 0) {
            out.println("throughput  -  (no operations to time)");
        } else if (report.timed()) {
            out.printf(Locale.ROOT, "throughput  %.0f Kops/s  (median of %s after %s)%n",
                    report.kops(), Words.plural(runs, "timed run"), Words.plural(warmups, "warm-up run"));
        } else {
            out.println("throughput  not measured (an invalid run is not timed)");
        }
        if (report.skippedAccesses() > 0) {
            out.printf("skipped     %d reads/writes: only the checked heap replays them (add --check)%n",
                    report.skippedAccesses());
        }
        printNotes(out, report.notes(), loaded);
        if (report.failure().isPresent()) {
            ValidationFailure failure = report.failure().get();
            brokenRule = failure;
            out.println();
            out.print(picture == PictureKind.text ? failure.report() : withoutPicture(failure));
            return ExitCodes.CHECK_FAILED;
        }
        return ExitCodes.OK;
    }

    private int checked(Trace loaded, PrintWriter out) {
        CheckedReplayReport report = CheckedReplayer.replay(loaded,
                Allocators.create(allocator, heapLimit.heaps().get()), allocator);
        out.printf("trace       %s (%s on the checked heap)%n", report.trace(), Words.plural(report.steps(), "heap operation"));
        out.printf("allocator   %s%n", report.allocator());
        LeakReport leaks = report.leaks();
        // a leak is one of the mistake kinds too: the headline counts both, so "0" never sits above a leak report
        out.printf("mistakes    %d, %s%n", report.violations().size(), !leaks.hasLeaks() ? "no leaks"
                : "leaks " + leaks.blocksInUse() + " (" + leaks.bytesInUse() + " bytes never freed)");
        printNotes(out, report.notes(), loaded);
        for (Violation violation : report.violations()) {
            out.println();
            out.println(report.report(violation).stripTrailing());   // blocks named with their trace ids
        }
        out.println();
        out.println(report.leakReport().stripTrailing());
        return report.clean() ? ExitCodes.OK : ExitCodes.CHECK_FAILED;
    }

    /**
     * The notes of a replay under two headings: the trace's quirks, which the lenient parse accepted and --strict
     * would reject, and what the replay itself noted (a request no heap can hold, an access cut where indexes end),
     * which --strict does not change.
     */
    private static void printNotes(PrintWriter out, java.util.List<String> notes, Trace loaded) {
        java.util.Set<String> quirks = new java.util.HashSet<>();
        loaded.quirks().forEach(quirk -> quirks.add(quirk.toString()));
        java.util.List<String> lenient = notes.stream().filter(quirks::contains).toList();
        java.util.List<String> replay = notes.stream().filter(note -> !quirks.contains(note)).toList();
        printNotes(out, "notes       accepted as a lenient parse (use --strict to reject):", lenient);
        printNotes(out, "notes       from the replay:", replay);
    }

    /** How many notes of one kind are printed; the rest are counted in one line (a trace of 20,000 stray frees). */
    static final int NOTES_PER_KIND = 3;

    private static void printNotes(PrintWriter out, String heading, java.util.List<String> notes) {
        if (!notes.isEmpty()) {
            out.println(heading);
            java.util.Map<String, Integer> shown = new java.util.HashMap<>();
            java.util.Map<String, Integer> leftOut = new java.util.LinkedHashMap<>();
            for (String note : notes) {
                String kind = noteKind(note);
                if (shown.merge(kind, 1, Integer::sum) <= NOTES_PER_KIND) {
                    out.println("              " + note);
                } else {
                    leftOut.merge(kind, 1, Integer::sum);
                }
            }
            leftOut.forEach((kind, count) -> out.printf(Locale.ROOT, "              ... and %,d more of the kind \"%s\"%n",
                    count, kind));
        }
    }

    /** A note without what differs from one line to the next (the line, the operation, the numbers): its kind. */
    static String noteKind(String note) {
        return note.replaceFirst("^line \\d+: ", "").replaceAll("'[^']*'", "'...'").replaceAll("\\d+", "N");
    }

    private static String withoutPicture(ValidationFailure failure) {
        return new ValidationFailure(failure.kind(), failure.opNumber(), failure.line(), failure.operation(),
                failure.sentence(), failure.from(), failure.to(), "", failure.advice()).report();
    }
}
