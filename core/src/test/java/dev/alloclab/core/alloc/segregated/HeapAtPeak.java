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
 * what sits in the heap when it last grows is what a better allocator must avoid. At the peak it also
 * breaks the overhead (heap minus requested payload) down by cause ({@link #breakdown}): headers and rounding
 * of headed blocks, rounding and free slots in runs, free headed blocks (holes), run headers and trailers,
 * the run directory and the table; docs/performance-log.md (27 Nov 2026, 11:00) has the kit's three
 * small-block traces broken down so.
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
                atPeak = summary(allocator, requestedAt, live) + " (op " + i + ")"
                        + System.lineSeparator() + "    " + breakdown((SegregatedAllocator) allocator, requestedAt);
            }
        }
        System.out.printf("%s: peak live %d, heap %d, utilization %.1f %%%n", trace.name(), peak,
                allocator.heap().size(), 100.0 * peak / allocator.heap().size());
        System.out.println("  at the last growth (op " + lastGrowth + "): " + atGrowth);
        System.out.println("  at the peak: " + atPeak);
    }

    /**
     * The heap's overhead by cause: every byte of the heap that is not requested payload, as headers of live
     * headed blocks, their rounding, slot rounding, free slots in runs, free headed blocks, run headers and
     * trailers, the run directory, the table block, and the table word and epilogue.
     */
    static String breakdown(SegregatedAllocator allocator, Map<Integer, Long> requestedAt) {
        HeapBytes heap = allocator.heap();
        int table = allocator.table();
        int directory = allocator.directory();
        long headers = 0;
        long headedRounding = 0;
        long slotRounding = 0;
        long freeSlots = 0;
        long holes = 0;
        long runOverhead = 0;
        long directoryBytes = 0;
        long tableBytes = 0;
        int headed = 0;
        int slots = 0;
        int runs = 0;
        int holeCount = 0;
        int end = allocator.epilogue();
        for (int block = SegregatedAllocator.FIRST_BLOCK; block < end;
                block += SegregatedAllocator.blockSize(allocator.header(block))) {
            int header = allocator.header(block);
            int size = SegregatedAllocator.blockSize(header);
            if (!SegregatedAllocator.isAllocated(header)) {
                holes += size;
                holeCount++;
            } else if (block + 4 == table) {
                tableBytes += size;
            } else if (block + 4 == directory) {
                directoryBytes += size;
            } else if (allocator.runOf(block + 4) == block) {
                runs++;
                int slotSize = allocator.slotSizeOf(block);
                int count = allocator.slotCount(block);
                int live = allocator.trailer(block);
                runOverhead += size - count * slotSize;
                for (int i = 0; i < count; i++) {
                    int slot = block + 4 + i * slotSize;
                    if ((live & 1 << i) != 0) {
                        slots++;
                        slotRounding += slotSize - requestedAt.get(slot);
                    } else {
                        freeSlots += slotSize;
                    }
                }
            } else {
                headed++;
                headers += 4;
                headedRounding += size - 4 - requestedAt.get(block + 4);
            }
        }
        return String.format("overhead %d = headers %d (%d headed blocks) + headed rounding %d + slot rounding %d"
                + " (%d slots) + free slots %d + holes %d (%d) + run header/trailer %d (%d runs) + directory %d"
                + " + table %d + word 0 and epilogue 8", heap.size() - requestedAt.values().stream()
                        .mapToLong(Long::longValue).sum(), headers, headed, headedRounding, slotRounding, slots,
                freeSlots, holes, holeCount, runOverhead, runs, directoryBytes, tableBytes);
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
