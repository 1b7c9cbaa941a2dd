package dev.alloclab.core.trace;

import dev.alloclab.core.ShellWord;
import dev.alloclab.core.alloc.Allocator;
import java.util.ArrayList;
import java.util.List;

/**
 * A trace decoded once into flat arrays, so a timed replay does no parsing, no boxing and no
 * allocation per operation: {@code kind[i]}, {@code slot[i]} and {@code size[i]} say what
 * operation {@code i} does to which block slot.
 *
 * <p>Decoding also checks the program obeys the rules a Malloc Lab replay needs (no block freed
 * twice, no realloc of a freed block, no id allocated again while still live); a trace that breaks
 * them is a teaching trace for the checked heap, and decoding says so with a
 * {@link TraceFormatException}. Reads and writes are dropped (counted in {@link #skippedAccesses}).
 * A size the heap can never hold (more than its maximum) is decoded as an operation that returns
 * null without asking the allocator, and noted.
 */
final class ReplayProgram {
    static final byte ALLOC = 0;
    static final byte FREE = 1;
    static final byte REALLOC = 2;
    /** An alloc larger than the heap's maximum: the block stays null. */
    static final byte ALLOC_TOO_LARGE = 3;
    /** A realloc larger than the heap's maximum: it fails, the old block stays as it was. */
    static final byte REALLOC_TOO_LARGE = 4;

    private static final byte NULL_STATE = 0;
    private static final byte LIVE_STATE = 1;
    private static final byte FREED_STATE = 2;

    final Trace trace;
    final byte[] kind;
    final int[] slot;
    final int[] size;
    /** Index into {@code trace.ops()} of each decoded operation, for reports. */
    final int[] source;
    final int length;
    /** One slot per block id, plus one at the end that stays null (for {@code f -1}). */
    final int slots;
    final int skippedAccesses;
    final List<String> notes;

    private ReplayProgram(Trace trace, byte[] kind, int[] slot, int[] size, int[] source, int length, int slots,
                          int skippedAccesses, List<String> notes) {
        this.trace = trace;
        this.kind = kind;
        this.slot = slot;
        this.size = size;
        this.source = source;
        this.length = length;
        this.slots = slots;
        this.skippedAccesses = skippedAccesses;
        this.notes = List.copyOf(notes);
    }

    /** Decodes {@code trace} for a heap of at most {@code maxHeapBytes}. */
    static ReplayProgram decode(Trace trace, int maxHeapBytes) {
        int maxId = -1;
        for (TraceOp op : trace.ops()) {
            maxId = Math.max(maxId, op.id());
        }
        int slots = Math.max(maxId + 1, trace.header().idCount()) + 1;
        return new Builder(trace, slots, maxHeapBytes).build();
    }

    /** The operation behind decoded operation {@code i}. */
    TraceOp op(int i) {
        return trace.ops().get(source[i]);
    }

    /** Fills {@code slots} with null: every block starts unallocated. */
    int[] freshSlots() {
        int[] slotIndexes = new int[slots];
        java.util.Arrays.fill(slotIndexes, Allocator.NULL);
        return slotIndexes;
    }

    /** Decoding, with the per-block state the lifecycle check needs. */
    private static final class Builder {
        private final Trace trace;
        private final int slots;
        private final int maxHeapBytes;
        private final byte[] state;
        private final int[] lastLine;

        Builder(Trace trace, int slots, int maxHeapBytes) {
            this.trace = trace;
            this.slots = slots;
            this.maxHeapBytes = maxHeapBytes;
            this.state = new byte[slots];
            this.lastLine = new int[slots];
        }

        ReplayProgram build() {
            List<TraceOp> ops = trace.ops();
            int accesses = 0;
            for (TraceOp op : ops) {
                if (op instanceof TraceOp.Write || op instanceof TraceOp.Read) {
                    accesses++;
                }
            }
            int capacity = ops.size() - accesses;
            byte[] kind = new byte[capacity];
            int[] slot = new int[capacity];
            int[] size = new int[capacity];
            int[] source = new int[capacity];
            List<String> notes = new ArrayList<>();
            for (TraceQuirk quirk : trace.quirks()) {
                notes.add(quirk.toString());
            }
            int n = 0;
            for (int i = 0; i < ops.size(); i++) {
                TraceOp op = ops.get(i);
                int s = op.id() == TraceOp.NULL_ID ? slots - 1 : op.id();
                byte k;
                long requested = 0;
                if (op instanceof TraceOp.Alloc alloc) {
                    requested = alloc.size();
                    if (state[s] == LIVE_STATE) {
                        throw misuse(op, "allocates block " + op.id() + " again, but it is still allocated (since line "
                                + lastLine[s] + ") and would leak");
                    }
                    k = requested > maxHeapBytes ? ALLOC_TOO_LARGE : ALLOC;
                    // a request no heap can serve returns null, as C's malloc does: the block is null, not live
                    state[s] = requested == 0 || k == ALLOC_TOO_LARGE ? NULL_STATE : LIVE_STATE;
                } else if (op instanceof TraceOp.Free) {
                    if (state[s] == FREED_STATE) {
                        throw misuse(op, "frees block " + op.id() + " again: it was freed at line " + lastLine[s]
                                + " (a double free)");
                    }
                    state[s] = state[s] == LIVE_STATE ? FREED_STATE : NULL_STATE;
                    k = FREE;
                } else if (op instanceof TraceOp.Realloc realloc) {
                    requested = realloc.size();
                    if (state[s] == FREED_STATE) {
                        throw misuse(op, "reallocates block " + op.id() + ", which was freed at line " + lastLine[s]);
                    }
                    if (requested > maxHeapBytes) {
                        k = REALLOC_TOO_LARGE;
                    } else {
                        state[s] = requested == 0 ? NULL_STATE : LIVE_STATE;
                        k = REALLOC;
                    }
                } else {
                    continue;
                }
                lastLine[s] = op.line();
                if (k == ALLOC_TOO_LARGE || k == REALLOC_TOO_LARGE) {
                    notes.add("line " + op.line() + ": '" + op.text() + "' asks for more than the heap can ever hold ("
                            + maxHeapBytes + " bytes): replayed as a request that returns null, without asking the allocator");
                }
                kind[n] = k;
                slot[n] = s;
                size[n] = (int) Math.min(requested, Integer.MAX_VALUE);
                source[n] = i;
                n++;
            }
            return new ReplayProgram(trace, kind, slot, size, source, n, slots, accesses, notes);
        }

        private TraceFormatException misuse(TraceOp op, String what) {
            return new TraceFormatException(trace.name(), op.line(), 1, "'" + op.text() + "' " + what
                    + ". A Malloc Lab replay needs a program that frees each block once; this looks like a teaching "
                    + "trace: replay it on the checked heap (alloclab replay " + ShellWord.of(trace.name()) + " --check) to see the mistake "
                    + "reported.");
        }
    }
}
