package dev.alloclab.cli;

import dev.alloclab.core.IoReason;
import dev.alloclab.core.KitException;
import dev.alloclab.core.alloc.Allocator;
import dev.alloclab.core.alloc.Allocators;
import dev.alloclab.core.alloc.HeapRegion;
import dev.alloclab.core.check.ValidationFailure;
import dev.alloclab.core.check.Violation;
import dev.alloclab.core.memory.HeapBytes;
import dev.alloclab.core.picture.HtmlStepThrough;
import dev.alloclab.core.picture.SvgHeapPicture;
import dev.alloclab.core.trace.CheckedReplayReport;
import dev.alloclab.core.trace.CheckedReplayer;
import dev.alloclab.core.trace.Trace;
import dev.alloclab.core.trace.TraceComments;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Step-by-step pictures of a replay: one SVG per operation, or one self-contained HTML page with a
 * slider. The steps come from a run of the trace on the checked heap, so each picture shows the
 * allocator's blocks together with what the checked heap knows (quarantined blocks), and a step
 * that made a mistake carries its report.
 */
final class ReplaySteps {
    /** More steps than this make pages too heavy to step through; the first ones are drawn. */
    static final int DEFAULT_MAX_STEPS = 500;

    private final Trace trace;
    private final String allocator;
    private final Function<HeapBytes, Allocator> allocators;
    private final int maxSteps;
    private final Supplier<HeapBytes> heaps;
    /** The first rule the allocator broke in the validated replay, if the caller ran one and it failed. */
    private ValidationFailure failure;
    /** The steps, made once: --html and --picture svg together draw the same run. */
    private Drawn drawn;
    /** What the trace's author wrote after {@code #}: shown on the page with the steps they explain. */
    private TraceComments comments = TraceComments.NONE;

    ReplaySteps(Trace trace, String allocator, int maxSteps, Supplier<HeapBytes> heaps) {
        this(trace, allocator, heap -> Allocators.create(allocator, heap), maxSteps, heaps);
    }

    /** The steps of {@code trace} on the allocators {@code allocators} makes, called {@code allocator} on the page. */
    ReplaySteps(Trace trace, String allocator, Function<HeapBytes, Allocator> allocators, int maxSteps,
                Supplier<HeapBytes> heaps) {
        if (maxSteps < 1) {
            throw new IllegalArgumentException("--max-steps must be at least 1, but was " + maxSteps);
        }
        this.trace = trace;
        this.allocator = allocator;
        this.allocators = allocators;
        this.maxSteps = maxSteps;
        this.heaps = heaps;
    }

    /**
     * The validated replay broke a rule ({@code alloclab replay} without {@code --check}): its step is drawn with the
     * validator's report and is the last one, since nothing after a broken rule is part of the run that was judged.
     */
    ReplaySteps brokeAt(ValidationFailure broken) {
        this.failure = broken;
        this.drawn = null;
        return this;
    }

    /** The trace's comments, for the page's introduction and the steps' captions. */
    ReplaySteps comments(TraceComments traceComments) {
        this.comments = traceComments;
        this.drawn = null;
        return this;
    }

    /** Writes the step-through page; returns how many steps it holds (0: a trace without operations, no page). */
    int writeHtml(Path file) {
        Drawn drawn = draw();
        if (drawn.steps().isEmpty()) {
            return 0; // a page needs a step, and a trace of no operations has none to draw
        }
        HtmlStepThrough page = HtmlStepThrough.titled(trace.name() + " on " + allocator);
        comments.introduction().forEach(page::about);
        drawn.notes().forEach(page::note);
        drawn.steps().forEach(page::add);
        page.writeTo(file);
        return page.steps().size();
    }

    /** Writes {@code step-0001.svg}, ... into {@code dir}, all at one scale; returns how many it wrote. */
    int writeSvgs(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new KitException("could not create the picture folder '" + dir + "': " + IoReason.of(e, dir)
                    + ". Pass --out a folder you can write to.");
        }
        List<HtmlStepThrough.Step> steps = draw().steps();
        int scale = HtmlStepThrough.commonScale(steps);
        for (int i = 0; i < steps.size(); i++) {
            HtmlStepThrough.Step step = steps.get(i);
            SvgHeapPicture picture = step.svg(scale).title("step " + (i + 1) + ": " + step.operation());
            Path file = dir.resolve(String.format("step-%04d.svg", i + 1));
            try {
                Files.writeString(file, picture.render(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException("could not write " + file + ": " + IoReason.of(e, file)
                        + ". Pass --out a folder you can write to.", e);
            }
        }
        return steps.size();
    }

    /** True if the trace has more operations than pictures were drawn for, and the drawing stopped at the limit. */
    boolean truncated() {
        // a replay drawn to a broken rule stops there: its page is not cut, however long the trace
        return trace.ops().size() > maxSteps && draw().steps().size() >= maxSteps;
    }

    /** The steps to draw, and what the page must say about them as a whole. */
    private record Drawn(List<HtmlStepThrough.Step> steps, List<String> notes) {
    }

    /**
     * One step per operation of a run on the checked heap, up to {@code maxSteps}; the validator's broken rule, if
     * any, ends them at its step; a program that leaks gets a last step, the end of the program, with the leak report
     * and the first leaked block marked (a leak happens at no operation: without it the page never showed one).
     */
    private Drawn draw() {
        if (drawn == null) {
            drawn = replayed();
        }
        return drawn;
    }

    private Drawn replayed() {
        List<HtmlStepThrough.Step> steps = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        int[] number = {0};
        int[] newestBlock = {0};
        int[] firstMistakeStep = {0};
        boolean[] stopped = {false};
        var last = new java.util.concurrent.atomic.AtomicReference<List<HeapRegion>>(List.of());
        CheckedReplayReport report = null;
        try {
            report = CheckedReplayer.replay(trace, allocators.apply(heaps.get()), allocator,
                    (op, heap, violations) -> {
                        number[0]++;
                        if (!violations.isEmpty() && firstMistakeStep[0] == 0) {
                            firstMistakeStep[0] = number[0];
                        }
                        if (stopped[0] || number[0] > maxSteps) {
                            return;
                        }
                        String text = "line " + op.line() + ": " + op.text() + answer(op, heap, newestBlock);
                        last.set(heap.regions());
                        if (failure != null && op.line() == failure.line()) {
                            stopped[0] = true;
                            steps.add(new HtmlStepThrough.Step(text, last.get(), Optional.of(failure.report()),
                                    failure.from() >= 0 ? Optional.of(failure.from()) : Optional.empty())
                                    .commented(comments.at(op.line()).orElse("")));
                            // nothing after the broken rule is drawn, and an allocator that broke one may loop on
                            // the heap it corrupted if the replay went on
                            throw new StopDrawing();
                        }
                        Found found = Found.of(violations);
                        steps.add(new HtmlStepThrough.Step(text, last.get(), found.report, found.address, found.length,
                                comments.at(op.line()).orElse("")));
                    });
        } catch (StopDrawing drawnToTheBrokenRule) {
            // the last step is the validator's broken rule
        } catch (KitException brokenContract) {
            // the checked heap refuses an answer that breaks the allocator's contract (a misaligned payload, a block
            // outside the heap) before the step is drawn. At the validator's broken rule, that rule is the last step,
            // drawn on the heap before it; elsewhere (the checked heap's delayed frees let a lying usableSize show
            // sooner) the refusal is, with its own message, and the note says where the validator's rule broke
            String refusedLine = number[0] < trace.ops().size() ? "line " + trace.ops().get(number[0]).line() + ": "
                    + trace.ops().get(number[0]).text() : "the end of the program";
            boolean atBrokenRule = failure != null && number[0] < trace.ops().size()
                    && trace.ops().get(number[0]).line() == failure.line();
            if (stopped[0]) {
                throw brokenContract;
            }
            if (number[0] >= maxSteps) {
                number[0] = maxSteps + 1; // past the steps drawn: the note below says where the rule broke
            } else if (atBrokenRule) {
                stopped[0] = true;
                steps.add(new HtmlStepThrough.Step("line " + failure.line() + ": " + failure.operation(), last.get(),
                        Optional.of(failure.report()), Optional.empty()).commented(comments.at(failure.line()).orElse("")));
            } else {
                steps.add(new HtmlStepThrough.Step(refusedLine, last.get(), Optional.of(brokenContract.getMessage()),
                        Optional.empty()));
                notes.add("The checked heap stopped the replay at step " + steps.size() + ": the allocator's answer "
                        + "broke its contract there, and nothing after it is drawn." + (failure == null ? ""
                        : " The validator, which frees at once where the checked heap delays frees, found its first "
                        + "broken rule (" + failure.kind().headline() + ") at trace line " + failure.line() + "."));
                return new Drawn(steps, notes);
            }
        }
        int operations = trace.ops().size();
        if (stopped[0]) {
            notes.add("The allocator broke a rule at step " + steps.size() + " (" + failure.kind().headline() + "), "
                    + "the last step drawn: the replay is judged up to there, and nothing after it counts.");
        } else if (number[0] > maxSteps) {
            notes.add("The first " + maxSteps + " of " + operations + " operations are drawn (--max-steps "
                    + "draws more)." + (failure != null ? " The allocator broke a rule (" + failure.kind().headline()
                    + ") at trace line " + failure.line() + ", past the last step drawn." : "")
                    + (firstMistakeStep[0] > maxSteps ? " The program's first mistake, at step " + firstMistakeStep[0]
                    + ", is past the last step drawn." : ""));
        } else if (report != null && report.leaks().hasLeaks() && !steps.isEmpty()) {
            Violation first = report.leaks().leaks().get(0);
            steps.add(new HtmlStepThrough.Step("end of the program: " + report.leaks().blocksInUse() + " block(s), "
                    + report.leaks().bytesInUse() + " bytes, never freed", last.get(),
                    Optional.of(report.leakReport().stripTrailing()), Optional.of(first.block().from())));
        }
        return new Drawn(steps, notes);
    }

    /**
     * What an {@code a} or {@code r} line got, for the step's caption: {@code -> 48 (block #2)}, {@code -> NULL}, or
     * for a realloc that kept its block {@code (kept its block)}, so a reader can tell which block a trace id is. A new
     * block is the live one with a number above every block seen so far ({@code newest}, updated).
     */
    private static String answer(dev.alloclab.core.trace.TraceOp op, dev.alloclab.core.check.CheckedHeap heap,
                                 int[] newest) {
        boolean alloc = op instanceof dev.alloclab.core.trace.TraceOp.Alloc;
        if (!alloc && !(op instanceof dev.alloclab.core.trace.TraceOp.Realloc)) {
            return "";
        }
        dev.alloclab.core.check.BlockRecord made = null;
        for (dev.alloclab.core.check.BlockRecord block : heap.liveBlocks()) {
            if (block.id() > newest[0] && (made == null || block.id() > made.id())) {
                made = block;
            }
        }
        if (made != null) {
            newest[0] = made.id();
            return " -> " + made.from() + " (block #" + made.id() + ")";
        }
        return alloc ? " -> NULL" : " (kept its block)";   // resized in place, or refused: either way the same index
    }

    /** Ends the checked replay at the validator's broken rule, its last step. */
    private static final class StopDrawing extends RuntimeException {
        private static final long serialVersionUID = 1L;

        StopDrawing() {
            super(null, null, false, false);
        }
    }

    /** What a step caught: the reports and the index to highlight. */
    private record Found(Optional<String> report, Optional<Integer> address, int length) {
        static Found of(List<Violation> violations) {
            if (violations.isEmpty()) {
                return new Found(Optional.empty(), Optional.empty(), 0);
            }
            String text = violations.stream().map(Violation::report).collect(Collectors.joining("\n"));
            Violation first = violations.get(0);
            if (first.kind() == Violation.Kind.NULL_DEREFERENCE) {
                // NULL points at no byte of the heap: marking index 0 would show a write into the first header
                return new Found(Optional.of(text), Optional.empty(), 0);
            }
            // a picture draws heap indexes from 0: an access that starts before the heap is marked over the bytes of
            // the heap it reaches, and one wholly before it (rd 0 -9 1) is not marked at all, rather than pointing
            // at index 0's header as if it had been touched (the report beside the picture says where it was)
            long end = (long) first.address() + first.length();
            if (first.address() < 0) {
                return end > 0 ? new Found(Optional.of(text), Optional.of(0), (int) end)
                        : new Found(Optional.of(text), Optional.empty(), 0);
            }
            return new Found(Optional.of(text), Optional.of(first.address()), first.length());
        }
    }
}
