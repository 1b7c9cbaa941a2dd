package dev.alloclab.core.alloc.segregated;

import dev.alloclab.core.trace.Trace;
import dev.alloclab.core.trace.TraceOp;
import dev.alloclab.core.trace.TraceSuite;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * What placement alone costs on the kit's suite: an idealised allocator with no header at all,
 * blocks rounded only to 8 bytes, perfect coalescing and an exact search (no size classes, no
 * scan limits), run with a few textbook placement policies. Whatever utilization it misses is
 * external fragmentation that the policy cannot avoid, so it is a ceiling for any real allocator
 * using that policy. A tuning tool (test-scope main), not a test.
 *
 * <p>realloc is modelled as free + alloc (no growing in place), so the realloc traces' figures
 * mean nothing here; the other nine are the point.
 */
final class PlacementFloor {
    /** Where a request goes among the free blocks that fit it. */
    enum Policy {
        /** The lowest address that fits. */
        ADDRESS_ORDERED_FIRST_FIT,
        /** The smallest block that fits, lowest address on a tie. */
        BEST_FIT,
        /** First fit below {@link SegregatedAllocator#BEST_FIT_FROM} bytes, best fit from there: the allocator's mix. */
        FIRST_FIT_THEN_BEST_FIT
    }

    private final Policy policy;
    /** Free blocks: start -> size, coalesced, in address order. */
    private final TreeMap<Long, Long> free = new TreeMap<>();
    private long top;

    private PlacementFloor(Policy policy) {
        this.policy = policy;
    }

    /** Peak live payload over the heap's high-water mark when {@code trace} is replayed under {@code policy}. */
    static double utilization(Trace trace, Policy policy) {
        PlacementFloor heap = new PlacementFloor(policy);
        Map<Integer, long[]> blocks = new HashMap<>(); // id -> {start, size, requested}
        long live = 0;
        long peak = 0;
        for (TraceOp op : trace.ops()) {
            if (op instanceof TraceOp.Alloc alloc) {
                blocks.put(alloc.id(), heap.place(alloc.size()));
                live += alloc.size();
            } else if (op instanceof TraceOp.Realloc realloc) {
                long[] old = blocks.get(realloc.id());
                heap.release(old[0], old[1]);
                blocks.put(realloc.id(), heap.place(realloc.size()));
                live += realloc.size() - old[2];
            } else if (op instanceof TraceOp.Free release && blocks.containsKey(release.id())) {
                long[] old = blocks.remove(release.id());
                heap.release(old[0], old[1]);
                live -= old[2];
            }
            peak = Math.max(peak, live);
        }
        return heap.top == 0 ? 0 : (double) peak / heap.top;
    }

    private long[] place(long requested) {
        long size = (requested + 7) & -8L;
        long start = -1;
        long holeSize = Long.MAX_VALUE;
        boolean bestFit = policy == Policy.BEST_FIT
                || (policy == Policy.FIRST_FIT_THEN_BEST_FIT && size >= SegregatedAllocator.BEST_FIT_FROM);
        for (Map.Entry<Long, Long> hole : free.entrySet()) {
            // copy key and value out: a TreeMap entry may change when the map changes
            if (hole.getValue() >= size && (start < 0 || bestFit && hole.getValue() < holeSize)) {
                start = hole.getKey();
                holeSize = hole.getValue();
                if (!bestFit) {
                    break;
                }
            }
        }
        if (start >= 0) {
            free.remove(start);
            if (holeSize > size) {
                free.put(start + size, holeSize - size);
            }
        } else {
            Map.Entry<Long, Long> last = free.lastEntry();
            if (last != null && last.getKey() + last.getValue() == top) {
                free.remove(last.getKey()); // a free block ends the heap: grow only by what is missing
                start = last.getKey();
            } else {
                start = top;
            }
            top = start + size;
        }
        return new long[] {start, size, requested};
    }

    private void release(long start, long size) {
        Map.Entry<Long, Long> above = free.ceilingEntry(start);
        if (above != null && above.getKey() == start + size) {
            size += above.getValue();
            free.remove(above.getKey());
        }
        Map.Entry<Long, Long> below = free.lowerEntry(start);
        if (below != null && below.getKey() + below.getValue() == start) {
            start = below.getKey();
            size += below.getValue();
        }
        free.put(start, size);
    }

    /** Prints the ceiling per trace and policy. */
    public static void main(String[] args) {
        System.out.printf("%-24s%12s%12s%12s%n", "trace", "AO first", "best", "first+best");
        for (Trace trace : TraceSuite.performanceTraces()) {
            System.out.printf("%-24s", trace.name());
            for (Policy policy : Policy.values()) {
                System.out.printf("%11.1f%%", 100 * utilization(trace, policy));
            }
            System.out.println();
        }
    }
}
