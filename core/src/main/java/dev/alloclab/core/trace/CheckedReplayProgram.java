package dev.alloclab.core.trace;

import java.util.ArrayList;
import java.util.List;

/**
 * A trace decoded once for the checked heap: flat arrays, so that the replay loop does no
 * {@code instanceof} chain, no unboxing and no allocation per operation, and a timed checked
 * replay pays for the checked heap, not for walking {@link TraceOp} objects (the unchecked
 * replay is decoded the same way, see {@code ReplayProgram}).
 *
 * <p>Unlike the Malloc Lab decoding, nothing is rejected: a trace with a double free or a
 * use-after-free is exactly what the checked heap is for. Reads and writes are kept. A size the
 * heap can never hold is decoded as a request that returns null without asking, and noted.
 */
final class CheckedReplayProgram {
    static final byte ALLOC = 0;
    static final byte FREE = 1;
    static final byte REALLOC = 2;
    static final byte WRITE = 3;
    static final byte READ = 4;
    /** An alloc larger than the heap's maximum: the block stays null. */
    static final byte ALLOC_TOO_LARGE = 5;
    /** A realloc larger than the heap's maximum: it fails, the block keeps its index. */
    static final byte REALLOC_TOO_LARGE = 6;

    final Trace trace;
    final byte[] kind;
    /** The block id; {@link TraceOp#NULL_ID} for {@code f -1}. */
    final int[] id;
    /** The size of an alloc or realloc (0 for the too-large kinds). */
    final int[] size;
    /** The offset of a read or write. */
    final long[] offset;
    /** How many bytes a read or write touches. */
    final long[] bytes;
    /** The trace line: the site of every report. */
    final int[] line;
    /** How many operations. */
    final int count;
    /** One index slot per block id. */
    final int slots;
    /** How many blocks the program can create at most: one per alloc and realloc. */
    final int blocksCreated;
    /** True if some operation reads or writes a block: only then does the replay need the shadow as it goes. */
    final boolean accessesBlocks;
    /** What decoding noted: the parse's quirks and the requests no heap can hold. */
    final List<String> notes;

    private CheckedReplayProgram(Trace trace, int maxHeapBytes) {
        this.trace = trace;
        List<TraceOp> ops = trace.ops();
        count = ops.size();
        kind = new byte[count];
        id = new int[count];
        size = new int[count];
        offset = new long[count];
        bytes = new long[count];
        line = new int[count];
        List<String> noted = new ArrayList<>();
        for (TraceQuirk quirk : trace.quirks()) {
            noted.add(quirk.toString());
        }
        int maxId = -1;
        int creating = 0;
        for (int i = 0; i < count; i++) {
            TraceOp op = ops.get(i);
            id[i] = op.id();
            line[i] = op.line();
            maxId = Math.max(maxId, op.id());
            if (op instanceof TraceOp.Alloc alloc) {
                boolean fits = fits(alloc.size(), maxHeapBytes, op, noted);
                kind[i] = fits ? ALLOC : ALLOC_TOO_LARGE;
                size[i] = fits ? (int) alloc.size() : 0;
            } else if (op instanceof TraceOp.Free) {
                kind[i] = FREE;
            } else if (op instanceof TraceOp.Realloc realloc) {
                boolean fits = fits(realloc.size(), maxHeapBytes, op, noted);
                kind[i] = fits ? REALLOC : REALLOC_TOO_LARGE;
                size[i] = fits ? (int) realloc.size() : 0;
            } else if (op instanceof TraceOp.Write write) {
                kind[i] = WRITE;
                offset[i] = write.offset();
                bytes[i] = write.length();
            } else if (op instanceof TraceOp.Read read) {
                kind[i] = READ;
                offset[i] = read.offset();
                bytes[i] = read.length();
            }
        }
        boolean accesses = false;
        for (byte k : kind) {
            creating += k == ALLOC || k == REALLOC ? 1 : 0;
            accesses |= k == WRITE || k == READ;
        }
        blocksCreated = creating;
        accessesBlocks = accesses;
        slots = Math.max(trace.header().idCount(), maxId + 1);
        noteAllocsOverLiveIds(noted);
        notes = List.copyOf(noted);
    }

    /**
     * A note for each {@code a} line that gives an id a new block while no line has freed the block it had: a C
     * program that does that loses its only pointer to the old block. The checked heap reports that block as a
     * leak at the end, and without this note the leak report names only the line that made it, not the line that
     * lost it. (The unchecked replay refuses such a trace and points here.)
     */
    private void noteAllocsOverLiveIds(List<String> noted) {
        int[] liveSince = new int[slots]; // the line of the id's live a or r, 0 while it has none
        int lost = 0;
        for (int i = 0; i < count; i++) {
            int slot = id[i];
            if (slot == TraceOp.NULL_ID) {
                continue;
            }
            switch (kind[i]) {
                case ALLOC, ALLOC_TOO_LARGE -> {
                    if (liveSince[slot] != 0 && ++lost <= LOST_BLOCKS_NOTED) {
                        noted.add("line " + line[i] + ": '" + text(i) + "' gives id " + slot + " a new block while"
                                + " the block it got at line " + liveSince[slot] + " was never freed: nothing can free"
                                + " that block any more, so the leak report lists it (if line " + liveSince[slot]
                                + "'s request got one)");
                    }
                    liveSince[slot] = kind[i] == ALLOC ? line[i] : 0;
                }
                case REALLOC -> liveSince[slot] = size[i] == 0 ? 0 : line[i];
                case FREE -> liveSince[slot] = 0;
                default -> {
                    // reads, writes and a failing realloc leave the block as it was
                }
            }
        }
        if (lost > LOST_BLOCKS_NOTED) {
            noted.add("... and " + (lost - LOST_BLOCKS_NOTED) + " more 'a' lines give an id a new block while its"
                    + " last one was never freed");
        }
    }

    /** Lines noted one by one for allocs over a live id; a program that never frees would make one per line. */
    private static final int LOST_BLOCKS_NOTED = 5;

    /** Decodes {@code trace} for a heap that can grow to {@code maxHeapBytes}. */
    static CheckedReplayProgram decode(Trace trace, int maxHeapBytes) {
        return new CheckedReplayProgram(trace, maxHeapBytes);
    }

    /** The operation's text as the trace wrote it, for notes. */
    String text(int i) {
        return trace.ops().get(i).text();
    }

    private static boolean fits(long size, int maxHeapBytes, TraceOp op, List<String> notes) {
        if (size <= maxHeapBytes) {
            return true;
        }
        notes.add("line " + op.line() + ": '" + op.text() + "' asks for more than the heap can ever hold ("
                + maxHeapBytes + " bytes): replayed as a request that returns null");
        return false;
    }
}
