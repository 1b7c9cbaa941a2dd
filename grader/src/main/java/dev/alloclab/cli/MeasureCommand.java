package dev.alloclab.cli;

import dev.alloclab.cli.bench.BenchResult;
import dev.alloclab.cli.bench.BenchRun;
import dev.alloclab.cli.bench.BenchSettings;
import dev.alloclab.cli.bench.BenchText;
import dev.alloclab.cli.bench.BenchedAllocator;
import dev.alloclab.companion.InProcessTests;
import dev.alloclab.companion.LearnerAllocators;
import dev.alloclab.companion.LearnerProject;
import dev.alloclab.companion.PolicyLimits;
import dev.alloclab.companion.StallWatch;
import dev.alloclab.core.KitException;
import dev.alloclab.core.check.ValidationFailure;
import dev.alloclab.core.course.Exercise;
import dev.alloclab.core.memory.HeapBytes;
import dev.alloclab.core.trace.ReplayReport;
import dev.alloclab.core.trace.Replayer;
import dev.alloclab.core.trace.Trace;
import dev.alloclab.core.trace.TraceSuite;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code alloclab measure EXERCISE}: the Malloc Lab driver's table for the learner's own allocator. {@code bench}
 * measures only the kit's registered allocators; this compiles the learner's class from their project
 * ({@link LearnerAllocators}), replays the traces on it under the validator, times it, and prints the same table
 * ({@link BenchRun}, {@link BenchText}), then, for a trace it got wrong, the validator's whole report of the first
 * broken operation with its picture of the heap. In the kit and in a student starter alike.
 */
@Command(name = "measure", header = "Replay traces on your own allocator, as the Malloc Lab driver does: valid?, "
        + "utilization, throughput.",
        description = {"Compiles the exercise's code as it is now (its class and the shared code; not your tests), "
                + "replays every trace on it under the validator (aligned, in the heap, no overlap, payload bytes kept), "
                + "then times it, and prints the table of alloclab bench for your class. For a trace it gets wrong, the "
                + "report of the first broken operation follows, with a picture of the heap around it.",
            "Allocators only: bump, implicit-list, explicit-list (one table per placement and list order), "
                    + "segregated-fits, buddy (an arena of the largest power of two under --heap-max).",
            "Exits 0 when every trace replayed valid; 1 when one did not, or the exercise does not compile or is "
                    + "not started; 2 for bad input."})
final class MeasureCommand implements Callable<Integer> {
    /** The one exercise whose grade has a performance part, timed on traces. */
    private static final String GRADED_ON_TRACES = "segregated-fits";

    @Spec
    CommandSpec spec;

    @Mixin
    ExerciseInProject target = new ExerciseInProject();

    @Mixin
    TraceRunsOptions replays = new TraceRunsOptions();

    @Option(names = "--html", paramLabel = "FILE",
            description = "Also write a step-through page (one heap picture per operation, on the checked heap) of the "
                    + "first trace your allocator gets wrong, or of the one trace --traces names.")
    Path html;

    @Option(names = "--max-steps", paramLabel = "N", defaultValue = "" + ReplaySteps.DEFAULT_MAX_STEPS,
            description = "How many operations --html draws (default: ${DEFAULT-VALUE}).")
    int maxSteps;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "60",
            description = "Stop when your allocator makes no progress for this long: an endless loop, most likely "
                    + "(default: ${DEFAULT-VALUE}). Long traces tell their progress every few seconds.")
    int timeoutSeconds;

    @Mixin
    HeapLimitOption heapLimit = new HeapLimitOption();

    @Override
    public Integer call() throws IOException {
        Exercise exercise = target.exercise();
        LearnerAllocators.requireAllocator(exercise); // before compiling anything, as every check of the input
        replays.checked();
        Path traces = replays.traces;
        if (traces != null && !traces.toString().isEmpty() && !Files.exists(traces)
                && !TraceSuite.names().contains(traces.toString().replaceFirst("\\.rep$", ""))) {
            throw new KitException("--traces names '" + traces + "', which is neither a file or folder nor one of the "
                    + "kit's traces (" + String.join(", ", TraceSuite.names()) + "). Pass a folder of .rep files, one "
                    + ".rep file, or a trace's name.");
        }
        LearnerProject learner = target.learner();
        if (!InProcessTests.available()) {
            throw new KitException("measure compiles the exercise in-process, but this Java has no compiler. "
                    + "Run it with a JDK 17 or newer (not only a JRE).");
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (maxSteps < 1) {
            throw new KitException("--max-steps must be at least 1 (how many operations --html draws), but was "
                    + maxSteps + ".");
        }
        if (html != null && Files.isDirectory(html)) {
            throw new KitException("--html names the folder '" + html + "': pass a file name, for example "
                    + html.resolve("steps.html") + ".");
        }
        if (timeoutSeconds < 1) {
            throw new KitException("--timeout must be at least 1 second, but was " + timeoutSeconds + ".");
        }
        Duration stallLimit = Duration.ofSeconds(timeoutSeconds);
        try {
            return CheckCommand.withExitGuard(out, () -> "measure: the run ended before the table: your code called "
                    + "System.exit or Runtime.halt, or the run was stopped from outside (Ctrl-C).", () -> {
                        try {
                            return StallWatch.run("alloclab-measure", stallLimit, err, "measuring your " + exercise.id(),
                                    progress -> measureAll(learner, exercise, out, progress));
                        } catch (LearnerAllocators.NotReady | StallWatch.Stalled notMeasured) {
                            err.println("measure: " + notMeasured.getMessage());
                            err.flush();
                            return ExitCodes.CHECK_FAILED;
                        } catch (OutOfMemoryError tooMuch) {
                            // the kit's own sentence for this blames the input; here it is the learner's allocator
                            err.println("measure: your " + exercise.id() + " ran this JVM out of memory (it may use "
                                    + (Runtime.getRuntime().maxMemory() >> 20) + " MB) while replaying the traces. An "
                                    + "allocator keeps its blocks and its bookkeeping in the heap's bytes, not in Java "
                                    + "collections that grow with every block; for traces of millions of operations, "
                                    + "give the JVM more (ALLOCLAB_JAVA_OPTS=-Xmx2g, in the kit).");
                            err.flush();
                            return ExitCodes.CHECK_FAILED;
                        }
                    });
        } catch (UncheckedIOException e) {
            throw e.getCause(); // a --traces folder that cannot be read: the kit's usual sentence for it
        }
    }

    /** Compiles and loads the learner's allocator, measures it, and deletes what was compiled. */
    private int measureAll(LearnerProject learner, Exercise exercise, PrintWriter out, StallWatch.Progress progress) {
        PrintWriter lines = progress.lines();
        lines.println("measure: compiling your " + exercise.id() + " (its code and the shared code)...");
        try (LearnerAllocators yours = LearnerAllocators.load(learner, exercise, heapLimit.maxBytes, lines::println)) {
            return measure(yours, exercise, out, lines, progress.beat());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private int measure(LearnerAllocators yours, Exercise exercise, PrintWriter out, PrintWriter err, Runnable beat)
            throws IOException {
        List<BenchedAllocator> measured = yours.allocators().entrySet().stream()
                .map(e -> new BenchedAllocator(e.getKey(), e.getValue())).toList();
        BenchSettings settings = new BenchSettings(measured, replays.traces, heapLimit.maxBytes, replays.runs, replays.warmups,
                Replayer.Clock.best(), false, false, false);
        BenchRun run = new BenchRun(settings, err).heartbeat(beat);
        BenchResult result = run.measure();
        out.print(BenchText.render(result));
        yours.notes().forEach(out::println);
        if (!yours.notes().isEmpty()) {
            out.println();
        }
        if (yours.arenaBytes() > 0) {
            out.printf("Your %s takes its arena of %,d bytes from the heap when it is made, so each trace's utilization "
                    + "is its peak live payload over that arena.%n%n", exercise.id(), yours.arenaBytes());
        }
        policyLimitNotes(exercise, result).forEach(out::println);
        // the first broken operation in full; with one table per policy, the others' are in their rows above
        result.allocators().stream()
                .flatMap(a -> a.table().reports().stream().filter(r -> broken(exercise, a, r)).limit(1)
                        .map(r -> a.table().allocator() + " on " + r.trace() + ":" + System.lineSeparator()
                                + r.failure().orElseThrow().report()))
                .findFirst()
                .ifPresent(report -> out.print("The first broken operation, " + report + System.lineSeparator()));
        out.flush(); // the table stands whatever happens while the page is drawn
        if (html != null) {
            writeSteps(yours, run, result, exercise, out, err);
        }
        if (exercise.id().equals(GRADED_ON_TRACES)) {
            out.println("The performance index above is bench's (Malloc Lab's formula, with a fixed throughput target); "
                    + "the grade scores " + GRADED_ON_TRACES + "' performance part with your course's rubric "
                    + "(docs/exercises/" + GRADED_ON_TRACES + ".md).");
        }
        out.flush();
        boolean yoursThrew = yours.constructorThrewLater();
        List<String> leftOut = BenchText.leftOut(result, yoursThrew ? null : replays.traces);
        if (!leftOut.isEmpty()) {
            leftOut.forEach(err::println);
            if (yoursThrew) {
                err.println("measure: your " + exercise.id() + "'s constructor worked once and then threw: each trace, "
                        + "and each of its timed runs, makes a fresh allocator over a fresh heap, so the constructor must "
                        + "work every time it is called (keep what one allocator knows in its fields, not in static "
                        + "ones).");
            }
            err.flush();
            // a trace that could not be read is bad input, whatever else happened; a constructor's throw is the code's
            return yoursThrew && result.unreadable().isEmpty() ? ExitCodes.CHECK_FAILED : ExitCodes.BAD_INPUT;
        }
        boolean valid = result.allocators().stream()
                .allMatch(a -> a.table().reports().stream().noneMatch(r -> broken(exercise, a, r)));
        return valid ? ExitCodes.OK : ExitCodes.CHECK_FAILED;
    }

    /** True when the kit's own suite was replayed at the default heap limit: where {@link PolicyLimits} knows the answers. */
    private boolean kitSuiteAtDefaultLimit() {
        return replays.traces == null && heapLimit.maxBytes == HeapBytes.MALLOC_LAB_MAX;
    }

    /** An invalid trace that is the learner's mistake: not one the reference answer of the same policy fails too. */
    private boolean broken(Exercise exercise, BenchResult.AllocatorResult measured, ReplayReport report) {
        return !report.valid()
                && !PolicyLimits.expected(exercise.id(), measured.table().allocator(), report, kitSuiteAtDefaultLimit());
    }

    /**
     * A paragraph per table that ran out of memory where the exercise's own rules make correct code run out: why,
     * and, on the kit's suite, that the reference answer runs out on the same traces, so those rows are no mistake.
     */
    private List<String> policyLimitNotes(Exercise exercise, BenchResult result) {
        List<String> notes = new ArrayList<>();
        for (BenchResult.AllocatorResult measured : result.allocators()) {
            String variant = measured.table().allocator();
            Optional<String> why = PolicyLimits.why(exercise.id(), variant);
            List<ReplayReport> outOfMemory = measured.table().reports().stream().filter(r -> r.failure()
                    .map(f -> f.kind() == ValidationFailure.Kind.OUT_OF_MEMORY).orElse(false)).toList();
            if (why.isEmpty() || outOfMemory.isEmpty()) {
                continue;
            }
            boolean allExpected = outOfMemory.stream()
                    .allMatch(r -> PolicyLimits.expected(exercise.id(), variant, r, kitSuiteAtDefaultLimit()));
            notes.add(variant + " ran out of the heap's limit on " + outOfMemory.stream().map(ReplayReport::trace)
                    .collect(Collectors.joining(", ")) + ": " + why.get() + "."
                    + (allExpected ? " The reference solution runs out on the same traces: these rows are the policy's "
                            + "limit, not a mistake of yours, and do not fail the command." : ""));
            notes.add("");
        }
        return notes;
    }

    /**
     * {@code --html}: the step-through page of the first trace an allocator got wrong (drawn up to its broken
     * operation), or, when every trace was valid, of the only trace measured; with several valid traces there is no
     * one to choose, and a sentence says how to pick one.
     */
    private void writeSteps(LearnerAllocators yours, BenchRun run, BenchResult result, Exercise exercise, PrintWriter out,
                            PrintWriter err) {
        String allocator = null;
        ReplayReport chosen = null;
        for (BenchResult.AllocatorResult measured : result.allocators()) {
            Optional<ReplayReport> broken = measured.table().reports().stream()
                    .filter(r -> broken(exercise, measured, r)).findFirst();
            if (broken.isPresent()) {
                allocator = measured.table().allocator();
                chosen = broken.get();
                break;
            }
        }
        if (chosen == null && run.traces().size() == 1 && !result.allocators().isEmpty()
                && !result.allocators().get(0).table().reports().isEmpty()) {
            allocator = result.allocators().get(0).table().allocator();
            chosen = result.allocators().get(0).table().reports().get(0);
        }
        if (chosen == null) {
            err.println("measure: every trace replayed valid, so --html has no broken step to show and several traces "
                    + "to choose from: pass one with --traces (a name such as coalescing, or a .rep file) to step through it.");
            err.flush();
            return;
        }
        String traceName = chosen.trace();
        Trace trace = run.traces().stream().filter(t -> t.name().equals(traceName)).findFirst().orElseThrow();
        err.println("measure: drawing the step-through page of " + traceName + " on " + allocator + "...");
        err.flush();
        ReplaySteps steps = new ReplaySteps(trace, allocator, yours.allocators().get(allocator), maxSteps,
                heapLimit.heaps()).comments(TraceArgument.comments(commentsSource(traceName)));
        chosen.failure().ifPresent(steps::brokeAt);
        int count = steps.writeHtml(html);
        if (count == 0) {
            out.println("step-through page: none written to " + html + ": " + traceName + " has no operations to step "
                    + "through");
            out.println();
            return;
        }
        out.println("step-through page: " + html + ", " + count + " steps of " + traceName + " on " + allocator
                + (steps.truncated() ? " (the first " + maxSteps + " operations; raise --max-steps for more)" : ""));
        out.println();
    }

    /** Where the comments of a measured trace are: its file in the --traces folder, the file itself, or the kit's suite. */
    private String commentsSource(String traceName) {
        Path traces = replays.traces;
        if (traces == null) {
            return traceName;
        }
        return Files.isDirectory(traces) ? traces.resolve(traceName).toString() : traces.toString();
    }
}
