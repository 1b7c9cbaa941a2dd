package dev.alloclab.core.trace;

import dev.alloclab.core.Checks;
import dev.alloclab.core.alloc.Allocator;
import dev.alloclab.core.check.CheckedHeap;
import dev.alloclab.core.check.Violation;
import dev.alloclab.core.memory.HeapBytes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Replays a trace as a program running on the {@link CheckedHeap}: the question is no longer
 * "does the allocator keep the rules" but "does the program": use-after-free, double free, invalid
 * free, overflow, leaks. Every block's site is its trace line, so reports read
 * {@code allocated by alloc(20) step 1 trace line 8}.
 *
 * <ul>
 *   <li>Block ids keep their last index after a free, like a C pointer, so {@code f 3} twice is a
 *       double free and {@code rd 3 0 4} after {@code f 3} a use-after-free.</li>
 *   <li>{@code w id offset length} writes {@code length} bytes one by one at the block's index plus
 *       {@code offset}; {@code rd} reads them. An op stops at its first mistake, so one bad line
 *       makes one report. A block never allocated has the null index (-1).</li>
 *   <li>The heap records mistakes and goes on ({@link CheckedHeap.OnViolation#RECORD}): the
 *       faulty operation is skipped and the replay continues, so a trace can show several.</li>
 *   <li>A request larger than the heap's maximum returns null without asking, and is noted.</li>
 * </ul>
 */
public final class CheckedReplayer {
    private CheckedReplayer() {
    }

    /**
     * Called after each operation of a checked replay, for step-by-step pictures.
     * {@code newViolations} are the mistakes this operation made (usually none).
     */
    @FunctionalInterface
    public interface AfterEachOp {
        void after(TraceOp op, CheckedHeap heap, List<Violation> newViolations);
    }

    /** Replays {@code trace} on a checked heap over {@code allocator} (fresh), named {@code name} in reports. */
    public static CheckedReplayReport replay(Trace trace, Allocator allocator, String name) {
        return replay(trace, allocator, name, (op, heap, found) -> { });
    }

    /** As {@link #replay(Trace, Allocator, String)}, calling {@code afterEachOp} after every operation. */
    public static CheckedReplayReport replay(Trace trace, Allocator allocator, String name, AfterEachOp afterEachOp) {
        Checks.notNull(afterEachOp, "afterEachOp");
        Checks.notNull(trace, "trace");
        CheckedHeap heap = CheckedHeap.builder(Checks.notNull(allocator, "allocator"))
                .onViolation(CheckedHeap.OnViolation.RECORD).build();
        HeapBytes bytes = allocator.heap();
        List<String> notes = new ArrayList<>();
        for (TraceQuirk quirk : trace.quirks()) {
            notes.add(quirk.toString());
        }
        int slots = Math.max(trace.header().idCount(), maxId(trace) + 1);
        int[] index = new int[slots];
        Arrays.fill(index, Allocator.NULL);
        long start = System.nanoTime();
        for (TraceOp op : trace.ops()) {
            int violationsBefore = heap.violations().size();
            heap.atTraceLine(op.line());
            int id = op.id();
            if (op instanceof TraceOp.Alloc alloc) {
                index[id] = fits(alloc.size(), bytes, op, notes) ? heap.alloc((int) alloc.size()) : Allocator.NULL;
            } else if (op instanceof TraceOp.Free) {
                heap.dealloc(id == TraceOp.NULL_ID ? Allocator.NULL : index[id]);
            } else if (op instanceof TraceOp.Realloc realloc) {
                if (fits(realloc.size(), bytes, op, notes)) {
                    int p = heap.realloc(index[id], (int) realloc.size());
                    if (p != Allocator.NULL || realloc.size() == 0) {
                        index[id] = p;
                    }
                }
            } else if (op instanceof TraceOp.Write write) {
                access(heap, index[id], write.offset(), write.length(), id, true, op, notes);
            } else if (op instanceof TraceOp.Read read) {
                access(heap, index[id], read.offset(), read.length(), id, false, op, notes);
            }
            List<Violation> all = heap.violations();
            afterEachOp.after(op, heap, all.size() == violationsBefore ? List.of()
                    : all.subList(violationsBefore, all.size()));
        }
        long nanos = System.nanoTime() - start;
        return new CheckedReplayReport(trace.name(), name, heap.step(), heap.violations(), heap.leakReport(), nanos,
                notes);
    }

    private static void access(CheckedHeap heap, int base, long offset, long length, int id, boolean write,
                               TraceOp op, List<String> notes) {
        long first = (long) base + offset;
        if (first < Integer.MIN_VALUE || first + length > Integer.MAX_VALUE) {
            notes.add("line " + op.line() + ": '" + op.text() + "' reaches past any heap index: skipped");
            return;
        }
        int before = heap.violations().size();
        for (long k = 0; k < length && heap.violations().size() == before; k++) {
            int at = (int) (first + k);
            if (write) {
                heap.writeByte(at, id + (int) (offset + k));
            } else {
                heap.readByte(at);
            }
        }
    }

    private static boolean fits(long size, HeapBytes bytes, TraceOp op, List<String> notes) {
        if (size <= bytes.maxSize()) {
            return true;
        }
        notes.add("line " + op.line() + ": '" + op.text() + "' asks for more than the heap can ever hold ("
                + bytes.maxSize() + " bytes): replayed as a request that returns null");
        return false;
    }

    private static int maxId(Trace trace) {
        int max = -1;
        for (TraceOp op : trace.ops()) {
            max = Math.max(max, op.id());
        }
        return max;
    }
}
