package dev.alloclab.hidden.explicitlist;

import static org.assertj.core.api.Assertions.assertThat;

import dev.alloclab.core.alloc.Allocator;
import dev.alloclab.core.alloc.ReferenceAllocator;
import dev.alloclab.core.alloc.sim.FitPolicy;
import dev.alloclab.core.alloc.sim.ListOrder;
import dev.alloclab.core.memory.HeapBytes;
import dev.alloclab.core.trace.ReplayReport;
import dev.alloclab.exercises.explicitlist.ExplicitFreeListAllocator;
import dev.alloclab.exercises.explicitlist.FreeListOrder;
import dev.alloclab.exercises.explicitlist.Placement;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ExplicitListHiddenTest {
    private static ExplicitFreeListAllocator make(Placement p, FreeListOrder o) {
        return new ExplicitFreeListAllocator(HeapBytes.withMax(1 << 22), p, o);
    }

    @Test
    void first_fit_in_address_order_takes_the_lowest_free_block() {
        ExplicitFreeListAllocator a = make(Placement.FIRST_FIT, FreeListOrder.ADDRESS);
        int x = a.alloc(64);
        a.alloc(8);
        int y = a.alloc(64);
        a.alloc(8);
        a.dealloc(y);
        a.dealloc(x);
        assertThat(a.alloc(64)).as("first fit, address order: alloc(64) after freeing two 64-byte blocks, the one "
                + "at %d and then the one at %d: the list is sorted by address, so the lower block (%d) comes first",
                y, x, x).isEqualTo(x);
        assertThat(a.alloc(64)).as("first fit, address order: the next alloc(64) takes the other freed block (%d)", y)
                .isEqualTo(y);
    }

    @Test
    void first_fit_in_lifo_order_takes_the_block_freed_last() {
        ExplicitFreeListAllocator a = make(Placement.FIRST_FIT, FreeListOrder.LIFO);
        int x = a.alloc(64);
        a.alloc(8);
        int y = a.alloc(64);
        a.alloc(8);
        a.dealloc(x);
        a.dealloc(y);
        assertThat(a.alloc(64)).as("first fit, LIFO order: alloc(64) after freeing the 64-byte block at %d and then "
                + "the one at %d: a freed block goes to the front of the list, so the last freed (%d) comes first",
                x, y, y).isEqualTo(y);
        assertThat(a.alloc(64)).as("first fit, LIFO order: the next alloc(64) takes the other freed block (%d)", x)
                .isEqualTo(x);
    }

    @Test
    void best_fit_takes_the_smallest_block_that_fits() {
        ExplicitFreeListAllocator a = make(Placement.BEST_FIT, FreeListOrder.ADDRESS);
        int big = a.alloc(256);
        a.alloc(8);
        int small = a.alloc(64);
        a.alloc(8);
        a.dealloc(big);
        a.dealloc(small);
        assertThat(a.alloc(60)).as("best fit: alloc(60) after freeing a 256-byte block (at %d) and a 64-byte one "
                + "(at %d): the smallest free block that fits is taken, even though the bigger one comes first", big,
                small).isEqualTo(small);
        assertThat(a.alloc(60)).as("best fit: the next alloc(60) takes the 256-byte block at %d, the only free one "
                + "left", big).isEqualTo(big);
    }

    @Test
    void neighbours_are_coalesced_at_once() {
        for (FreeListOrder order : new FreeListOrder[] {FreeListOrder.ADDRESS}) { // LIFO merges only list neighbours (the reference simulator's rule)
            ExplicitFreeListAllocator a = make(Placement.FIRST_FIT, order);
            int x = a.alloc(64);
            int y = a.alloc(64);
            int z = a.alloc(64);
            a.alloc(8);
            a.dealloc(x);
            a.dealloc(z);
            a.dealloc(y);
            int sizeBefore = a.heap().size();
            assertThat(a.alloc(3 * 64)).as("three freed neighbours (%s order) hold one block of 192", order).isEqualTo(x);
            assertThat(a.heap().size()).as("heap().size() after that alloc(192): the merged block serves it, so the "
                    + "heap must not grow").isEqualTo(sizeBefore);
        }
    }

    @Test
    void every_policy_and_order_passes_the_random_workout() {
        for (Placement p : Placement.values()) {
            for (FreeListOrder o : FreeListOrder.values()) {
                for (long seed = 1; seed <= 2; seed++) {
                    Workout.checked(make(p, o), Workout.random(p + "/" + o + "/" + seed, seed, 600, 300, true));
                }
            }
        }
    }

    @Test
    void freed_space_is_reused_before_the_heap_grows() {
        ExplicitFreeListAllocator a = make(Placement.FIRST_FIT, FreeListOrder.ADDRESS);
        ReplayReport r = Workout.checked(a, Workout.random("reuse", 7, 2000, 64, false));
        assertThat(r.utilization()).as("utilization (peak live payload / heap size) after 2000 random alloc "
                + "and free of 1..64 bytes, first fit in address order: freed blocks must be reused (split and "
                + "coalesced) before the heap grows, so it stays above 0.45").isGreaterThan(0.45);
    }

    /** The reference allocator configured as the exercise asks: same policy, same order, coalescing on. */
    private static ReferenceAllocator reference(Placement p, FreeListOrder o) {
        FitPolicy policy = switch (p) {
            case FIRST_FIT -> FitPolicy.FIRST;
            case BEST_FIT -> FitPolicy.BEST;
            case NEXT_FIT -> FitPolicy.NEXT;
        };
        ListOrder order = o == FreeListOrder.ADDRESS ? ListOrder.ADDRESS : ListOrder.INSERT_FRONT;
        return ReferenceAllocator.builder(HeapBytes.withMax(1 << 22)).policy(policy).order(order).coalescing(true).build();
    }

    /** The grader shows at most 600 characters of a failure, "AssertionError: " included: stay below, whole words. */
    private static final int MESSAGE_LIMIT = 580;

    /** How many short runs of small blocks each policy and order gets, and how many operations each has. */
    private static final int SHORT_RUNS = 200;
    private static final int SHORT_RUN_LENGTH = 30;

    /** The heap both allocators of the lockstep may grow to: 4 MiB, so that no random run runs out of memory. */
    private static final int LOCKSTEP_HEAP = 1 << 22;

    @Test
    void every_policy_and_order_hands_out_the_reference_allocators_indexes() {
        for (Placement p : Placement.values()) {
            for (FreeListOrder o : FreeListOrder.values()) {
                for (long seed = 1; seed <= 3; seed++) {
                    List<Integer> ops = randomOps(seed, 400);
                    Lockstep run = Lockstep.run(p, o, ops, true);
                    if (run.parted()) {
                        throw new AssertionError(partingMessage(p, o, seed, run, Shrink.of(p, o, ops)));
                    }
                    assertThat(run.yours.heap().size()).as("%s, %s order, random run with seed %d: heap().size() "
                            + "after 400 operations that returned the reference's indexes", p, o, seed)
                            .isEqualTo(run.reference.heap().size());
                }
                // short runs of small blocks on a short free list: most searches there find nothing and grow the
                // heap, which must leave next fit's rover where it was (the page's rule), and split, merge and
                // rover moves meet often
                for (long seed = 1; seed <= SHORT_RUNS; seed++) {
                    List<Integer> ops = randomOps(seed, SHORT_RUN_LENGTH, 24, 24);
                    Lockstep run = Lockstep.run(p, o, ops, true);
                    if (run.parted()) {
                        throw new AssertionError(partingMessage(p, o, seed, run, Shrink.of(p, o, ops)));
                    }
                }
            }
        }
    }

    /**
     * Operations in the encoding of the visible {@code ReferenceLockstep.run(List)}, so a student can replay any
     * of them: {@code n > 0} is {@code alloc(n)}; {@code n <= 0} deallocates live block number {@code -n % live}
     * (live blocks in allocation order), and is skipped when nothing is live.
     */
    private static List<Integer> randomOps(long seed, int count) {
        return randomOps(seed, count, 64, 400);
    }

    /** As {@link #randomOps(long, int)}, with sizes of 1 to {@code small} or (as often) 1 to {@code large} bytes. */
    private static List<Integer> randomOps(long seed, int count, int small, int large) {
        Random random = new Random(seed);
        List<Integer> ops = new ArrayList<>();
        int live = 0;
        for (int i = 0; i < count; i++) {
            if (live == 0 || random.nextInt(10) < 6) {
                ops.add(1 + random.nextInt(random.nextBoolean() ? small : large));
                live++;
            } else {
                ops.add(-random.nextInt(live));
                live--;
            }
        }
        return ops;
    }

    /**
     * The student's allocator and the reference run side by side over {@code ops}, stopped at the first alloc where
     * their answers differ.
     */
    private static final class Lockstep {
        final ExplicitFreeListAllocator yours;
        final ReferenceAllocator reference;
        /** The calls made, in words ({@code alloc(74)}, {@code dealloc(1080)}), the parting one last. */
        final List<String> calls = new ArrayList<>();
        /** Calls made (a dealloc with nothing live is skipped, as ReferenceLockstep skips it). */
        int step;
        /** Operations read from the list, skipped ones too: the parting one is the last. */
        int opsRead;
        int yourAnswer;
        int referenceAnswer;

        private Lockstep(Placement p, FreeListOrder o) {
            yours = new ExplicitFreeListAllocator(HeapBytes.withMax(LOCKSTEP_HEAP), p, o);
            reference = reference(p, o);
        }

        /** Runs {@code ops}; {@code strict} lets the student's exceptions through, else they end the run quietly. */
        static Lockstep run(Placement p, FreeListOrder o, List<Integer> ops, boolean strict) {
            Lockstep run = new Lockstep(p, o);
            List<Integer> live = new ArrayList<>();
            try {
                for (int op : ops) {
                    run.opsRead++;
                    if (op > 0) {
                        run.step++;
                        run.calls.add("alloc(" + op + ")");
                        run.referenceAnswer = run.reference.alloc(op);
                        run.yourAnswer = run.yours.alloc(op);
                        if (run.parted()) {
                            return run;
                        }
                        if (run.yourAnswer != Allocator.NULL) {
                            live.add(run.yourAnswer);
                        }
                    } else if (!live.isEmpty()) {
                        run.step++;
                        int index = live.remove(-op % live.size());
                        run.calls.add("dealloc(" + index + ")");
                        run.reference.dealloc(index);
                        run.yours.dealloc(index);
                    }
                }
            } catch (RuntimeException | StackOverflowError e) {
                if (strict) {
                    throw e;
                }
                run.yourAnswer = run.referenceAnswer = 0; // not the parting the caller looks for
            }
            return run;
        }

        boolean parted() {
            return yourAnswer != referenceAnswer;
        }

        /** The operations of {@code ops} this run read: up to and including the parting one. */
        List<Integer> used(List<Integer> ops) {
            return new ArrayList<>(ops.subList(0, opsRead));
        }
    }

    /**
     * A shortest list of operations found that still makes the allocators part: whole runs of operations are left
     * out while the parting stays (at most a few seconds of trying), so the message can list every call.
     */
    private static final class Shrink {
        private static final long BUDGET_NANOS = 3_000_000_000L;

        static List<Integer> of(Placement p, FreeListOrder o, List<Integer> ops) {
            long deadline = System.nanoTime() + BUDGET_NANOS;
            List<Integer> kept = Lockstep.run(p, o, ops, false).used(ops);
            for (int chunk = Math.max(1, kept.size() / 2); chunk >= 1; chunk /= 2) {
                boolean removed = true;
                while (removed && System.nanoTime() < deadline) {
                    removed = false;
                    for (int from = 0; from + chunk <= kept.size() && System.nanoTime() < deadline; ) {
                        List<Integer> shorter = new ArrayList<>(kept.subList(0, from));
                        shorter.addAll(kept.subList(from + chunk, kept.size()));
                        Lockstep run = Lockstep.run(p, o, shorter, false);
                        if (run.parted()) {
                            kept = run.used(shorter);
                            removed = true;
                        } else {
                            from += chunk;
                        }
                    }
                }
            }
            return kept;
        }
    }

    /**
     * What a student needs to replay the parting: policy, order, heap, the seed and step of the random run, and a
     * short list of calls that shows the same difference, in words and as the visible {@code ReferenceLockstep}
     * takes it (that test then prints both free lists and the reference's heap).
     */
    private static String partingMessage(Placement p, FreeListOrder o, long seed, Lockstep run, List<Integer> shortOps) {
        Lockstep shortRun = Lockstep.run(p, o, shortOps, false);
        StringBuilder text = new StringBuilder();
        text.append(p).append(", ").append(o).append(" order, heap of at most ").append(LOCKSTEP_HEAP)
                .append(" bytes: in a random run (seed ").append(seed).append("), your ")
                .append(run.calls.get(run.calls.size() - 1)).append(" at step ").append(run.step).append(" returned ")
                .append(answer(run.yourAnswer)).append(", the reference ").append(answer(run.referenceAnswer))
                .append(".");
        if (shortRun.parted()) {
            String list = shortOps.stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(", "));
            String replay = "\nReplay it in a test of your own (it prints both free lists and the heap): "
                    + "ReferenceLockstep.of(Placement." + p + ", FreeListOrder." + o + ", 1 << 22)"
                    + ".comparingFreeLists().run(List.of(" + list + "))";
            String calls = "\nThe same difference in " + shortRun.step + " steps: " + String.join(" ", shortRun.calls)
                    + " (yours " + answer(shortRun.yourAnswer) + ", the reference " + answer(shortRun.referenceAnswer)
                    + ")";
            if (text.length() + calls.length() + replay.length() <= MESSAGE_LIMIT) {
                text.append(calls).append(replay);
            } else if (text.length() + replay.length() <= MESSAGE_LIMIT) {
                text.append(replay);
            } else {
                text.append("\nThe shortest run found that shows it still has ").append(shortRun.step).append(" steps; "
                        + "replay the first of them with ReferenceLockstep and the rules of the page.");
            }
        }
        return text.toString();
    }

    private static String answer(int index) {
        return index == Allocator.NULL ? "NULL" : String.valueOf(index);
    }

    @Test
    void edge_requests_alloc_zero_dealloc_null_and_sizes_close_to_integer_max_value() {
        for (Placement p : Placement.values()) {
            for (FreeListOrder o : FreeListOrder.values()) {
                NullRequests.check(new ExplicitFreeListAllocator(HeapBytes.withMax(1 << 16), p, o),
                        "with " + p + ", " + o + " order, on a fresh allocator");
                ExplicitFreeListAllocator a = new ExplicitFreeListAllocator(HeapBytes.withMax(1 << 16), p, o);
                a.alloc(24);
                String setting = "with " + p + ", " + o + " order, after alloc(24) on a heap of at most 64 KiB";
                for (int huge : HugeRequests.SIZES) {
                    assertThat(HugeRequests.alloc(a, huge, setting)).as("alloc(%d), close to Integer.MAX_VALUE, %s: no "
                            + "block that big fits, so NULL (-1). %s", huge, setting, HugeRequests.ADVICE)
                            .isEqualTo(Allocator.NULL);
                }
                assertThat(a.alloc(8)).as("alloc(8) %s and the NULL answers to requests close to Integer.MAX_VALUE: "
                        + "a small block still fits, so not NULL", setting).isNotEqualTo(Allocator.NULL);
                // a heap that reaches its maximum: the request that no longer fits is NULL, not an exception
                ExplicitFreeListAllocator full = new ExplicitFreeListAllocator(HeapBytes.withMax(256), p, o);
                String fullSetting = "with " + p + ", " + o + " order, after alloc(200) on a heap of at most 256 bytes";
                assertThat(full.alloc(200)).as("alloc(200) on a fresh heap of at most 256 bytes, %s order %s", o, p)
                        .isNotEqualTo(Allocator.NULL);
                assertThat(HugeRequests.alloc(full, 200, fullSetting, "When no free block fits and the heap cannot "
                        + "grow (sbrk answers NO_MEMORY), alloc returns NULL: check what growing the heap returned "
                        + "before you search again"))
                        .as("a second alloc(200) %s: the heap cannot grow that far, so NULL (-1)", fullSetting)
                        .isEqualTo(Allocator.NULL);
                assertThat(full.alloc(16)).as("alloc(16) %s and a second alloc(200) that returned NULL: a small "
                        + "block still fits, so not NULL", fullSetting).isNotEqualTo(Allocator.NULL);
            }
        }
    }
}
