package dev.alloclab.cli;

import dev.alloclab.core.alloc.PlainHeap;
import dev.alloclab.core.alloc.ReferenceAllocator;
import dev.alloclab.core.check.CheckedHeap;
import dev.alloclab.core.check.ViolationException;
import dev.alloclab.core.examples.DeallocStrategy;
import dev.alloclab.core.examples.ExampleRun;
import dev.alloclab.core.examples.HeapCall;
import dev.alloclab.core.examples.WorkedExample;
import dev.alloclab.core.memory.HeapBytes;
import dev.alloclab.core.picture.TextHeapMap;
import java.io.PrintWriter;
import java.util.function.Consumer;

/**
 * Prints one strategy of the worked example for the terminal: what the program printed on a plain
 * heap, the bytes it held step by step, the heap afterwards, and what the checked heap says.
 */
final class WorkedExamplePresenter {
    private static final int HEAP_MAX = 4096;
    private static final int BAR_WIDTH = 30;
    private static final String EXPECTED_HIGHEST = "the highest year is 2015";

    private final PrintWriter out;

    WorkedExamplePresenter(PrintWriter out) {
        this.out = out;
    }

    /** The program, as the demo shows it before the strategies. */
    void printProgram() {
        out.println("The program (from the text). Each strategy moves only its dealloc lines:");
        out.println();
        out.println("    for round in 1..3:");
        out.println("        years     = getYears()              // alloc(20): 1995 2000 2005 2010 2015");
        out.println("        countdown = getCountdown()          // alloc(20): 5 4 3 2 1");
        out.println("        highest   = findHighestYear(years)  // reads the five years");
        out.println("        print the highest year and the countdown");
        out.println("    print \"All done!\"");
        out.println();
    }

    /**
     * Plays {@code strategy} on a plain heap, then on the checked heap (and, for a double free, on
     * a checked heap with tagged indexes). Returns true if no heap stopped the program for a memory error and the
     * checked heap found no mistake: a plain heap's wrong output alone (too-early) is not caught by anything.
     */
    boolean present(DeallocStrategy strategy, boolean plain, boolean checked) {
        out.println("== " + strategy.cliName() + ": " + strategy.description());
        out.println();
        boolean clean = true;
        if (plain) {
            clean = presentPlain(strategy, !checked);
        }
        if (checked) {
            clean = presentChecked(strategy, CheckedHeap.builder(firstFit()).build(),
                    "On the checked heap (freed blocks wait in quarantine before reuse):", plain);
            if (strategy == DeallocStrategy.TWICE) {
                CheckedHeap tagged = CheckedHeap.builder(firstFit()).quarantineBytes(0).taggedIndexes(true).build();
                clean &= presentChecked(strategy, tagged,
                        "On the checked heap with tagged indexes and no quarantine (the index IS reused,"
                                + " like a plain heap, but every index carries a tag):", plain);
            }
        }
        out.flush();
        return clean;
    }

    /**
     * Returns true when the program ran to its end on the plain heap (its output may still be wrong).
     *
     * @param sayNext whether a stopped run names the command to run next (not when the checked heap's run follows)
     */
    private boolean presentPlain(DeallocStrategy strategy, boolean sayNext) {
        ReferenceAllocator allocator = firstFit();
        ExampleRun run = WorkedExample.run(strategy, PlainHeap.over(allocator));
        out.println("On a plain heap (first-fit, no checks) the program prints:");
        for (String line : run.output()) {
            String note = line.startsWith("round") && !line.contains(EXPECTED_HIGHEST)
                    ? "   <- wrong: years' bytes were overwritten by another block" : "";
            out.println("  | " + line + note);
        }
        run.stoppedBy().ifPresent(error -> {
            out.println("  and then stops:");
            for (String line : error.getMessage().split("\n")) {
                out.println("  ! " + line);
            }
            out.println();
            out.println(whyItStops(run));
            if (sayNext) {
                out.println("  Next: ./alloclab example years --strategy " + strategy.cliName() + " --checked, where the "
                        + "checked heap stops at the first mistake itself and names it.");
            }
        });
        out.println();
        printTimeline(run);
        out.println("Heap after the run:");
        if (allocator.heap().size() > 0) {
            out.println(indent(TextHeapMap.of(allocator.regions()).render()));
        }
        out.println();
        return run.stoppedBy().isEmpty();
    }

    /**
     * One sentence on why a plain run stopped before its end: for a double free, that it corrupted the heap's
     * records, which is the lesson, and which call did it.
     */
    private static String whyItStops(ExampleRun run) {
        return run.events().stream().filter(call -> call.function().equals(WorkedExample.STRAY_CLEANUP)).findFirst()
                .map(stray -> "  Why it stops here, before \"" + WorkedExample.ALL_DONE + "\": the stray cleanup's "
                        + stray.operation() + " at step " + stray.step() + " freed index " + stray.index() + " a second "
                        + "time, while a newer block lived there; a double free corrupts a plain heap's records (that "
                        + "is the lesson), so a later dealloc fails, far from the bad one.")
                .orElse("  Why it stops here, before \"" + WorkedExample.ALL_DONE + "\": an earlier mistake of the "
                        + "program corrupted the plain heap's records, so a later call fails, far from the mistake.");
    }

    /**
     * Plays {@code strategy} on {@code heap} and prints what it found.
     *
     * @param chartShown whether the plain run's chart was printed above (not with {@code --checked} alone): only then
     *                   does a sentence compare the checked heap's steps with the chart's
     */
    private boolean presentChecked(DeallocStrategy strategy, CheckedHeap heap, String heading, boolean chartShown) {
        Consumer<String> sites = function -> heap.at("WorkedExample." + function);
        ExampleRun run = WorkedExample.run(strategy, heap, sites);
        out.println(heading);
        if (run.stoppedBy().isPresent()) {
            RuntimeException error = run.stoppedBy().get();
            String what = error instanceof ViolationException ? "stopped the program at its first mistake"
                    : "stopped the program";
            out.println("  it " + what + " after " + run.output().size() + " printed line(s). Its steps count every"
                    + " heap call, reads and writes too" + (chartShown ? ";" : "."));
            if (chartShown) {
                out.println("  the chart above numbers only the allocs and deallocs.");
            }
            out.println();
            out.println(indent(error.getMessage()));
            out.println();
            return false;
        }
        var leaks = heap.leakReport();
        if (leaks.hasLeaks()) {
            out.println(indent(leaks.render()));
            out.println();
            return false;
        }
        out.println("  no mistakes, nothing leaked (" + leaks.summaryLine().trim() + ").");
        out.println();
        return true;
    }

    /**
     * The bars of every strategy's chart share one scale, the largest peak of any strategy, so that the charts
     * compare: with a scale per chart, too-early's 20-byte peak drew as long a bar as at-end's 120 bytes.
     */
    private static int chartScale() {
        int largest = 1;
        for (DeallocStrategy strategy : DeallocStrategy.values()) {
            largest = Math.max(largest, WorkedExample.run(strategy, PlainHeap.over(firstFit())).peakLiveBytes());
        }
        return largest;
    }

    private void printTimeline(ExampleRun run) {
        int peak = chartScale();
        // what the allocator holds, as chapter 3's charts count: a program that frees too early or twice holds other
        out.println("Bytes the allocator has handed out and not had back, after each alloc/dealloc call (peak "
                + run.peakLiveBytes() + " bytes; a full bar is " + peak + " bytes in every strategy's chart):");
        for (HeapCall event : run.events()) {
            int width = (int) Math.round((double) event.liveBytes() * BAR_WIDTH / peak);
            out.printf("  %3d  %-12s %-22s %-" + BAR_WIDTH + "s %4d%n", event.step(), event.operation(),
                    event.function(), "#".repeat(width), event.liveBytes());
        }
        out.println();
    }

    private static ReferenceAllocator firstFit() {
        return ReferenceAllocator.firstFit(HeapBytes.withMax(HEAP_MAX));
    }

    /** Each line two spaces in; an empty line stays empty (no trailing spaces in the output). */
    private static String indent(String text) {
        return text.lines().map(line -> line.isBlank() ? "" : "  " + line)
                .collect(java.util.stream.Collectors.joining("\n")).stripTrailing();
    }
}
