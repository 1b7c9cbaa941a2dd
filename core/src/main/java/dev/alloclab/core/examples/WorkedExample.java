package dev.alloclab.core.examples;

import dev.alloclab.core.Checks;
import dev.alloclab.core.KitException;
import dev.alloclab.core.alloc.Heap;
import dev.alloclab.core.vec.VecMetadata;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * The text's worked example, played with each {@link DeallocStrategy}.
 *
 * <p>The program runs the same round three times, then prints "All done!":
 *
 * <pre>
 *   for round in 1..3:
 *       years     = getYears()                 // alloc(20): 1995 2000 2005 2010 2015
 *       countdown = getCountdown()             // alloc(20): 5 4 3 2 1
 *       highest   = findHighestYear(years)     // reads the five years
 *       print "round N: the highest year is H, countdown 5 4 3 2 1"
 *   print "All done!"
 * </pre>
 *
 * Only the {@code dealloc} lines move between strategies:
 * <ul>
 *   <li>{@code at-end}: both vecs of every round are deallocated after the loop. Correct, but
 *       the program holds 40 more bytes each round: memory only grows while it runs.</li>
 *   <li>{@code after-last-use}: {@code years} right after {@code findHighestYear}, {@code countdown}
 *       right after it is printed. The program never holds more than 40 bytes.</li>
 *   <li>{@code too-early}: {@code years} right after {@code getYears}. Its block is free, so
 *       {@code getCountdown} is handed the same index and writes 5 4 3 2 1 over the years:
 *       on a plain heap the program prints "the highest year is 5".</li>
 *   <li>{@code twice}: as after-last-use, plus a stray cleanup line at the start of the next
 *       round deallocates the previous round's {@code years} again. By then the index has been
 *       handed to the new round's {@code years}, so the second dealloc frees <em>that</em> block.</li>
 * </ul>
 *
 * <p>The program is written against {@link Heap}, so it runs unchanged on a plain heap (the
 * mistakes corrupt silently) and on the checked heap (each mistake is stopped and reported).
 */
public final class WorkedExample {
    /** The program's last line. */
    public static final String ALL_DONE = "All done!";
    /** How many times the program runs its round. */
    public static final int ROUNDS = 3;
    /** The function {@link DeallocStrategy#TWICE}'s second dealloc of a round's years is made in (its {@link HeapCall}). */
    public static final String STRAY_CLEANUP = "main (stray cleanup)";
    static final int[] YEARS = {1995, 2000, 2005, 2010, 2015};
    static final int[] COUNTDOWN = {5, 4, 3, 2, 1};

    private WorkedExample() {
    }

    /** Allocates five i32 on the heap holding 1995, 2000, 2005, 2010, 2015. */
    public static VecMetadata getYears(Heap heap) {
        return VecMetadata.of(heap, YEARS);
    }

    /** Allocates five i32 on the heap holding 5, 4, 3, 2, 1. */
    public static VecMetadata getCountdown(Heap heap) {
        return VecMetadata.of(heap, COUNTDOWN);
    }

    /** Reads every element of {@code years} and returns the largest. */
    public static int findHighestYear(Heap heap, VecMetadata years) {
        Checks.notNull(heap, "heap");
        Checks.notNull(years, "years");
        int highest = Integer.MIN_VALUE;
        for (int i = 0; i < years.length(); i++) {
            highest = Math.max(highest, years.get(heap, i));
        }
        return highest;
    }

    /** Runs the program on {@code heap} with the dealloc lines placed by {@code strategy}. */
    public static ExampleRun run(DeallocStrategy strategy, Heap heap) {
        return run(strategy, heap, function -> { });
    }

    /**
     * Runs the program, telling {@code siteListener} which function of the example makes each heap
     * call (a checked heap uses it to name allocation and free sites).
     */
    public static ExampleRun run(DeallocStrategy strategy, Heap heap, Consumer<String> siteListener) {
        Checks.notNull(strategy, "strategy");
        Checks.notNull(heap, "heap");
        Checks.notNull(siteListener, "siteListener");
        RecordingHeap recording = new RecordingHeap(heap, siteListener);
        List<String> output = new ArrayList<>();
        try {
            play(strategy, recording, output);
            return new ExampleRun(strategy, output, recording.events(), Optional.empty());
        } catch (KitException stopped) {
            return new ExampleRun(strategy, output, recording.events(), Optional.of(stopped));
        }
    }

    private static void play(DeallocStrategy strategy, RecordingHeap heap, List<String> output) {
        List<VecMetadata> heldUntilEnd = new ArrayList<>();
        VecMetadata previousYears = null;
        for (int round = 1; round <= ROUNDS; round++) {
            heap.enter("getYears");
            VecMetadata years = getYears(heap);
            if (strategy == DeallocStrategy.TOO_EARLY) {
                heap.enter("main (too early)");
                years.free(heap);
            }
            if (strategy == DeallocStrategy.TWICE && previousYears != null) {
                heap.enter(STRAY_CLEANUP);
                previousYears.free(heap);
            }
            heap.enter("getCountdown");
            VecMetadata countdown = getCountdown(heap);
            heap.enter("findHighestYear");
            int highest = findHighestYear(heap, years);
            if (strategy == DeallocStrategy.AFTER_LAST_USE || strategy == DeallocStrategy.TWICE) {
                heap.enter("main");
                years.free(heap);
            }
            heap.enter("main");
            String values = Arrays.stream(countdown.toArray(heap)).mapToObj(Integer::toString)
                    .collect(Collectors.joining(" "));
            output.add("round " + round + ": the highest year is " + highest + ", countdown " + values);
            if (strategy == DeallocStrategy.AT_END) {
                heldUntilEnd.add(years);
                heldUntilEnd.add(countdown);
            } else {
                countdown.free(heap);
            }
            previousYears = years;
        }
        heap.enter("main (at the end)");
        for (VecMetadata vec : heldUntilEnd) {
            vec.free(heap);
        }
        output.add(ALL_DONE);
    }
}
