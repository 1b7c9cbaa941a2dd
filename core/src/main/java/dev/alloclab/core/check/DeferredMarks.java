package dev.alloclab.core.check;

import java.util.Arrays;

/**
 * The shadow marks of a checked heap that nothing has read yet, kept in the order they were made,
 * so that {@link Shadow} can write them all at once when something first asks (see
 * {@link CheckedHeap.Builder#deferShadow(boolean)}).
 *
 * <p>Why: marking a block costs a few cache lines of shadow on every alloc and every free, about
 * half of what the checked heap adds to an allocator. A program that never reads or writes its
 * blocks (a Malloc Lab trace: allocs, frees and reallocs only) never needs most of it: its mistakes
 * (double and invalid frees, leaks) are found in the block table. So the marks wait here, five
 * {@code int}s each in one growing array, and are written only if a report, a picture or an
 * access needs the shadow. Written in order, they leave the shadow exactly as marking on the way
 * would have.
 *
 * <p>Two questions the checked heap asks of every new block cannot wait: did the allocator hand out
 * a block that is still live (the cheap overlap check), and which tag did the last block at this
 * address have (so that a stale index to it does not match the new one). For those it keeps one
 * byte per 8-byte granule where a block started: that block's tag, and whether it is still live.
 */
final class DeferredMarks {
    /** What a logged mark was: the {@link Shadow} method to call with its four arguments. */
    static final int BLOCK = 0;
    static final int SPAN = 1;

    private static final int INTS_PER_MARK = 5;
    private static final int LIVE_START = 0x10;
    private static final int TAG_BITS = 0x0F;

    /**
     * Past this many logged {@code int}s (64 MiB), the shadow is written and kept up to date from
     * then on, so that a very long program does not hold its whole history.
     */
    static final int MAX_LOGGED_INTS = 16 << 20;

    private final int maxLoggedInts;
    private int[] log;
    private int length;
    /** Per granule a block started at: its tag, and {@link #LIVE_START} while it is live. */
    private byte[] starts;

    /**
     * A log for about {@code expectedMarks} marks over a heap of about {@code expectedHeapBytes}: both
     * made now, so that neither grows (by copying) while the program runs.
     */
    DeferredMarks(int expectedMarks, int expectedHeapBytes) {
        this(expectedMarks, expectedHeapBytes, MAX_LOGGED_INTS);
    }

    /** As above, with a smaller cap on the log (for tests of what happens when it is full). */
    DeferredMarks(int expectedMarks, int expectedHeapBytes, int maxLoggedInts) {
        this.maxLoggedInts = Math.max(INTS_PER_MARK, maxLoggedInts);
        log = new int[Math.max(1, Math.min(expectedMarks, this.maxLoggedInts / INTS_PER_MARK)) * INTS_PER_MARK];
        starts = new byte[Math.max(64, (expectedHeapBytes >>> Shadow.GRANULE_SHIFT) + 1)];
    }

    /** Logs one mark; false once the log is full (then the caller writes the shadow instead). */
    boolean add(int kind, int a, int b, int c, int d) {
        if (length + INTS_PER_MARK > log.length) {
            int grown = Math.min(maxLoggedInts / INTS_PER_MARK * INTS_PER_MARK, log.length * 2);
            if (grown < length + INTS_PER_MARK) {
                return false;
            }
            log = Arrays.copyOf(log, grown);
        }
        int[] l = log;
        int at = length;
        l[at] = kind;
        l[at + 1] = a;
        l[at + 2] = b;
        l[at + 3] = c;
        l[at + 4] = d;
        length = at + INTS_PER_MARK;
        return true;
    }

    /** Replays every logged mark, oldest first, on {@code shadow}. */
    void replayOn(Shadow shadow) {
        int[] l = log;
        for (int at = 0; at < length; at += INTS_PER_MARK) {
            switch (l[at]) {
                case BLOCK -> shadow.markBlock(l[at + 1], l[at + 2], l[at + 3], l[at + 4]);
                default -> shadow.markSpan(l[at + 1], l[at + 2], l[at + 3], l[at + 4]);
            }
        }
    }

    /** A block with tag {@code tag} starts at {@code from} (a multiple of 8) and is live, or has ended. */
    void started(int from, int tag, boolean live) {
        int g = from >>> Shadow.GRANULE_SHIFT;
        if (g >= starts.length) {
            starts = Arrays.copyOf(starts, Math.max(g + 1, starts.length * 2));
        }
        starts[g] = (byte) (tag & TAG_BITS | (live ? LIVE_START : 0));
    }

    /** True if a block that is still live starts at {@code address}. */
    boolean liveBlockStartsAt(int address) {
        int g = address >>> Shadow.GRANULE_SHIFT;
        return (address & (Shadow.GRANULE - 1)) == 0 && g < starts.length && (starts[g] & LIVE_START) != 0;
    }

    /** The tag of the last block that started at {@code address} (0, no tag, if none did). */
    int tagOfLastBlockAt(int address) {
        int g = address >>> Shadow.GRANULE_SHIFT;
        return g < starts.length ? starts[g] & TAG_BITS : 0;
    }
}
