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
 * address have (so that a stale index to it does not match the new one). Its block table answers
 * both ({@link BlockTable#get}, {@link BlockTable#lastTagAt}), so they need no shadow.
 */
final class DeferredMarks {
    /** What a logged mark was: the {@link Shadow} method to call with its four arguments. */
    static final int BLOCK = 0;
    static final int SPAN = 1;

    private static final int INTS_PER_MARK = 5;

    /**
     * Past this many logged {@code int}s (64 MiB), the shadow is written and kept up to date from
     * then on, so that a very long program does not hold its whole history.
     */
    static final int MAX_LOGGED_INTS = 16 << 20;

    private final int maxLoggedInts;
    private int[] log;
    private int length;

    /** A log for about {@code expectedMarks} marks, made now so that it does not grow (by copying) while the program runs. */
    DeferredMarks(int expectedMarks) {
        this(expectedMarks, MAX_LOGGED_INTS);
    }

    /** As above, with a smaller cap on the log (for tests of what happens when it is full). */
    DeferredMarks(int expectedMarks, int maxLoggedInts) {
        this.maxLoggedInts = Math.max(INTS_PER_MARK, maxLoggedInts);
        log = new int[Math.max(1, Math.min(expectedMarks, this.maxLoggedInts / INTS_PER_MARK)) * INTS_PER_MARK];
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
}
