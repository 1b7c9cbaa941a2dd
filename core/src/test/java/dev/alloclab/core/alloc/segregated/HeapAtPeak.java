package dev.alloclab.core.alloc.segregated;

import dev.alloclab.core.alloc.Allocator;
import dev.alloclab.core.alloc.HeapRegion;
import dev.alloclab.core.memory.HeapBytes;
import dev.alloclab.core.trace.Trace;
import dev.alloclab.core.trace.TraceOp;
import dev.alloclab.core.trace.TraceSuite;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Where a trace's heap goes: replays a bundled trace on {@link SegregatedAllocator} and, at the op
 * where the heap last grew (the high-water moment) and at the peak of live payload, sums the heap's
 * bytes by kind (requested payload, bookkeeping, rounding, free) and prints the free holes. A tuning
 * tool (test-scope main), not a test: utilization is peak live payload over the high-water mark, so
 * what sits in the heap when it last grows is what a better allocator must avoid.
 *
 * <p>Run: {@code java -cp core/target/classes:core/target/test-classes
 * dev.alloclab.core.alloc.segregated.HeapAtPeak interpreter-like server-like}
 */
final class HeapAtPeak {
    private HeapAtPeak() {
    }

    public static void main(String[] args) {
        for (Trace trace : TraceSuite.performanceTraces()) {
            for (String wanted : args) {
                if (trace.name().startsWith(wanted)) {
                    report(trace);
                }
            }
        }
    }

    private static void report(Trace trace) {
        Allocator allocator = new SegregatedAllocator(HeapBytes.mallocLabSized());
        Map<Integer, Integer> payloadOf = new HashMap<>();
        Map<Integer, Long> requestedAt = new HashMap<>(); // payload index -> requested bytes
        long live = 0;
        long peak = 0;
        int lastGrowth = -1;
        String atGrowth = "";
        String atPeak = "";
        List<TraceOp> ops = trace.ops();
        for (int i = 0; i < ops.size(); i++) {
            TraceOp op = ops.get(i);
            int before = allocator.heap().size();
            if (op instanceof TraceOp.Alloc alloc) {
                int p = allocator.alloc((int) alloc.size());
                payloadOf.put(alloc.id(), p);
                requestedAt.put(p, alloc.size());
                live += alloc.size();
            } else if (op instanceof TraceOp.Realloc realloc) {
                int old = payloadOf.get(realloc.id());
                live += realloc.size() - requestedAt.remove(old);
                int p = allocator.realloc(old, (int) realloc.size());
                payloadOf.put(realloc.id(), p);
                requestedAt.put(p, realloc.size());
            } else if (op instanceof TraceOp.Free free && payloadOf.containsKey(free.id())) {
                int old = payloadOf.remove(free.id());
                live -= requestedAt.remove(old);
                allocator.dealloc(old);
            }
            if (allocator.heap().size() > before) {
                lastGrowth = i;
                atGrowth = summary(allocator, requestedAt, live);
            }
            if (live > peak) {
                peak = live;
                atPeak = summary(allocator, requestedAt, live) + " (op " + i + ")";
            }
        }
        System.out.printf("%s: peak live %d, heap %d, utilization %.1f %%%n", trace.name(), peak,
                allocator.heap().size(), 100.0 * peak / allocator.heap().size());
        System.out.println("  at the last growth (op " + lastGrowth + "): " + atGrowth);
        System.out.println("  at the peak: " + atPeak);
    }

    private static String summary(Allocator allocator, Map<Integer, Long> requestedAt, long live) {
        long live8 = 0;
        long liveBlocks = 0;
        long bookkeeping = 0;
        long free = 0;
        long freeHoles = 0;
        long topFree = 0;
        StringBuilder holes = new StringBuilder();
        List<HeapRegion> regions = allocator.regions();
        for (HeapRegion region : regions) {
            long length = region.to() - region.from();
            switch (region.kind()) {
                case LIVE -> {
                    live8 += length;
                    liveBlocks++;
                }
                case FREE -> {
                    free += length;
                    freeHoles++;
                    if (holes.length() < 400) {
                        holes.append(' ').append(length);
                    }
                    topFree = region.to() >= allocator.heap().size() - 4 ? length : topFree;
                }
                default -> bookkeeping += length;
            }
        }
        return String.format("heap %d = requested %d + rounding %d + bookkeeping %d + free %d (%d holes, top %d) |%s",
                allocator.heap().size(), live, live8 - live, bookkeeping, free, freeHoles, topFree, holes);
    }
}
