package dev.alloclab.exercises.explicitlist;

import dev.alloclab.core.NotImplemented;
import dev.alloclab.core.alloc.Allocator;
import dev.alloclab.core.alloc.ReferenceAllocator;
import dev.alloclab.core.alloc.sim.FitPolicy;
import dev.alloclab.core.alloc.sim.FreeChunk;
import dev.alloclab.core.alloc.sim.ListOrder;
import dev.alloclab.core.memory.HeapBytes;
import dev.alloclab.core.picture.TextHeapMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import org.opentest4j.AssertionFailedError;

/**
 * Runs the same allocs and deallocs on the student's {@link ExplicitFreeListAllocator} and on
 * core's {@link ReferenceAllocator} configured the same way, side by side, and fails at the first
 * step where they part: a different index from {@code alloc}, or (with
 * {@link #comparingFreeLists()}) a different free list after a step.
 *
 * <p>The failure names the step and the operation, both answers, both free lists before and
 * after the step, the last operations, and the reference's heap around the index in question:
 * everything needed to replay the step by hand with the rules of docs/exercises/explicit-list.md.
 *
 * <p>Operations are ints so jqwik can shrink them: {@code n > 0} is {@code alloc(n)},
 * {@code n <= 0} deallocates live block number {@code -n % live} (in allocation order).
 */
final class ReferenceLockstep {
    private final ExplicitFreeListAllocator yours;
    private final ReferenceAllocator reference;
    private final List<Integer> live = new ArrayList<>();
    private final List<String> log = new ArrayList<>();
    private boolean compareFreeLists;
    private int step;
    private int reused;
    private int failedAllocations;

    private ReferenceLockstep(Placement placement, FreeListOrder order, int maxHeapBytes) {
        this.yours = new ExplicitFreeListAllocator(HeapBytes.withMax(maxHeapBytes), placement, order);
        this.reference = ReferenceAllocator.builder(HeapBytes.withMax(maxHeapBytes))
                .policy(policyOf(placement)).order(orderOf(order)).coalescing(true).build();
    }

    /** Both allocators over empty heaps that may grow to {@code maxHeapBytes}. */
    static ReferenceLockstep of(Placement placement, FreeListOrder order, int maxHeapBytes) {
        return new ReferenceLockstep(placement, order, maxHeapBytes);
    }

    /** The reference's name for a placement: the same three policies. */
    static FitPolicy policyOf(Placement placement) {
        return switch (placement) {
            case FIRST_FIT -> FitPolicy.FIRST;
            case BEST_FIT -> FitPolicy.BEST;
            case NEXT_FIT -> FitPolicy.NEXT;
        };
    }

    /** The reference's name for an order: LIFO inserts at the front, ADDRESS keeps the list sorted. */
    static ListOrder orderOf(FreeListOrder order) {
        return switch (order) {
            case LIFO -> ListOrder.INSERT_FRONT;
            case ADDRESS -> ListOrder.ADDRESS;
        };
    }

    /** Also compare the free lists after every step (needs {@link ExplicitFreeListAllocator#freeList()}). */
    ReferenceLockstep comparingFreeLists() {
        this.compareFreeLists = true;
        return this;
    }

    /** Runs every operation (see the class comment), comparing after each. */
    ReferenceLockstep run(List<Integer> ops) {
        for (int op : ops) {
            if (op > 0) {
                alloc(op);
            } else if (!live.isEmpty()) {
                deallocNth(-op % live.size());
            }
        }
        return this;
    }

    /** One alloc on both; fails if the indexes differ. Returns the (common) index. */
    int alloc(int size) {
        step++;
        String op = "alloc(" + size + ")";
        List<FreeChunk> referenceBefore = reference.freeList();
        String yoursBefore = describeYours();
        int heapBefore = reference.heap().size();
        int expected = reference.alloc(size);
        int actual = yours.alloc(size);
        if (actual != expected) {
            throw mismatch(op, actual, expected, referenceBefore, yoursBefore);
        }
        log.add("step " + step + ": " + op + " -> " + actual);
        if (actual == Allocator.NULL) {
            failedAllocations++;
        } else {
            if (reference.heap().size() == heapBefore) {
                reused++;
            }
            live.add(actual);
        }
        compareFreeLists(op, referenceBefore, yoursBefore);
        return actual;
    }

    /** One dealloc of live block number {@code n} on both. */
    void deallocNth(int n) {
        step++;
        int index = live.remove(n);
        String op = "dealloc(" + index + ")";
        List<FreeChunk> referenceBefore = reference.freeList();
        String yoursBefore = describeYours();
        reference.dealloc(index);
        yours.dealloc(index);
        log.add("step " + step + ": " + op);
        compareFreeLists(op, referenceBefore, yoursBefore);
    }

    /** Allocations served from the free list without growing the heap (for statistics). */
    int reusedAllocations() {
        return reused;
    }

    /** Allocations both answered with NULL (out of memory). */
    int failedAllocations() {
        return failedAllocations;
    }

    ExplicitFreeListAllocator yours() {
        return yours;
    }

    ReferenceAllocator reference() {
        return reference;
    }

    private void compareFreeLists(String op, List<FreeChunk> referenceBefore, String yoursBefore) {
        if (!compareFreeLists) {
            return;
        }
        List<FreeChunk> expected = reference.freeList();
        List<FreeChunk> actual = yours.freeList();
        if (!Objects.equals(actual, expected)) {
            throw new AssertionFailedError(header(op) + " the free lists differ after the step\n"
                    + "  free list (block start and size, head first):\n"
                    + "    yours:          " + describe(actual) + "\n"
                    + "    the reference:  " + describe(expected) + "\n"
                    + "  just before the step they were\n"
                    + "    yours:          " + yoursBefore + "\n"
                    + "    the reference:  " + describe(referenceBefore) + "\n"
                    + recentOperations() + picture(Allocator.NULL)
                    + whatToDo(), describe(expected), describe(actual));
        }
    }

    private AssertionFailedError mismatch(String op, int actual, int expected, List<FreeChunk> referenceBefore,
                                          String yoursBefore) {
        return new AssertionFailedError(header(op) + " the allocators returned different indexes\n"
                + "  yours returned           " + answer(actual) + "\n"
                + "  the reference returned   " + answer(expected) + "\n"
                + "  free lists just before the step (block start and size, head first):\n"
                + "    yours:          " + yoursBefore + "\n"
                + "    the reference:  " + describe(referenceBefore) + "\n"
                + "  and after it:\n"
                + "    yours:          " + describeYours() + "\n"
                + "    the reference:  " + describe(reference.freeList()) + "\n"
                + recentOperations() + picture(actual)
                + whatToDo(), answer(expected), answer(actual));
    }

    private String header(String op) {
        return "explicit-list and core's reference allocator (" + reference.name() + ", "
                + reference.config().order().kitName() + " order, coalescing on) part at step " + step + ": " + op
                + "\n ";
    }

    private static String answer(int index) {
        return index == Allocator.NULL ? "NULL (out of memory)" : index + " (block at " + (index - 8) + ")";
    }

    private String recentOperations() {
        if (log.isEmpty()) {
            return "  (it was the first operation)\n";
        }
        return "  the operations before it:\n    "
                + String.join("\n    ", log.subList(Math.max(0, log.size() - 10), log.size())) + "\n";
    }

    /** The reference's heap, with the student's answer marked when it is an index inside it. */
    private String picture(int yourIndex) {
        TextHeapMap map = TextHeapMap.of(reference.regions()).maxLines(4);
        if (yourIndex >= 0 && yourIndex < reference.heap().size()) {
            map = map.marker(yourIndex, "your answer");
        }
        return "  the reference's heap now:\n" + map.render().indent(4);
    }

    private static String whatToDo() {
        return "  What to do: replay the steps above by hand with the rules in docs/exercises/explicit-list.md "
                + "(which block the placement picks, where a split's rest stays in the list, where a freed "
                + "block goes, which list neighbours merge, how much the heap grows) and find the first rule your "
                + "code applies differently.";
    }

    private String describeYours() {
        try {
            return describe(yours.freeList());
        } catch (NotImplemented notYet) {
            return "(write freeList() to see your list here)";
        } catch (RuntimeException e) {
            return "(freeList() threw " + e + ")";
        }
    }

    private static String describe(List<FreeChunk> list) {
        if (list.isEmpty()) {
            return "(empty)";
        }
        return list.stream().map(c -> "[" + c.address() + " size " + c.size() + "]").collect(Collectors.joining(" -> "));
    }
}
