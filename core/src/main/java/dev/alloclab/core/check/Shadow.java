package dev.alloclab.core.check;

import java.util.Arrays;

/**
 * What the checked heap knows about every heap byte, kept per 8-byte granule as AddressSanitizer
 * keeps it: one shadow value per {@link dev.alloclab.core.alloc.Allocator#ALIGNMENT 8} heap bytes,
 * so marking a block costs an eighth of its size and the happy path of an access reads one value.
 *
 * <h2>Per byte: state and tag</h2>
 * Each heap byte has a state ({@link #UNALLOCATED}, {@link #LIVE}, {@link #PADDING}, {@link #FREED})
 * and the 4-bit tag of the block that last used it (see {@link TaggedIndex}; the tag stays when the
 * block is freed, so the next block at that address can be given a different one). {@link #at(int)}
 * answers with one byte per heap byte, {@code state | tag << 2}, as if the shadow were kept per byte.
 *
 * <h2>Per granule: two runs and the rest</h2>
 * Payloads start on a multiple of 8 (the allocator contract), so the bytes of a granule belong to
 * at most one block, and inside a granule they always read: some bytes in a first state, some in a
 * second, the rest not handed out (a live block's last granule: payload, padding, then the next
 * block's header). So a granule is one {@code char}:
 * <pre>
 *   bit  15 .. 12   11 10     9 8      7 .. 4   3 .. 0
 *      +----------+--------+--------+--------+--------+
 *      |   tag    | state2 | state1 |   b    |   a    |   bytes [0, a) state1, [a, b) state2,
 *      +----------+--------+--------+--------+--------+   [b, 8) UNALLOCATED;  0 <= a <= b <= 8
 * </pre>
 * A zero is a granule nobody has used. A full live granule is {@code a = b = 8, state1 = LIVE}; the
 * happy path is "state1 is LIVE, the tag is right, and the access ends at or before a".
 */
final class Shadow {
    /** Not handed out by the allocator (free space, allocator bookkeeping), or given back. */
    static final int UNALLOCATED = 0;
    /** A live block's payload: the program may read and write it. */
    static final int LIVE = 1;
    /** Handed out by the allocator past the requested size: no access. */
    static final int PADDING = 2;
    /** A freed block held in quarantine: no access. */
    static final int FREED = 3;

    /** Heap bytes per shadow value. */
    static final int GRANULE = 8;
    static final int GRANULE_SHIFT = 3;

    static final int STATE_BITS = 2;
    static final int STATE_MASK = (1 << STATE_BITS) - 1;
    static final int TAG_SHIFT = STATE_BITS;

    // the fields of one granule's value
    private static final int RUN_MASK = 0xF;
    private static final int B_SHIFT = 4;
    private static final int STATE1_SHIFT = 8;
    private static final int STATE2_SHIFT = 10;
    private static final int GRANULE_TAG_SHIFT = 12;
    private static final int LIVE_FIRST = LIVE << STATE1_SHIFT;
    private static final int STATE1_MASK = STATE_MASK << STATE1_SHIFT;

    private char[] granules = new char[0];
    private int size;

    /** The per-byte view of a state and a tag: {@code state | tag << 2}. */
    static byte encode(int state, int tag) {
        return (byte) (state | tag << TAG_SHIFT);
    }

    static int state(byte shadow) {
        return shadow & STATE_MASK;
    }

    static int tag(byte shadow) {
        return (shadow >>> TAG_SHIFT) & TaggedIndex.TAG_MASK;
    }

    /** Covers a heap of {@code heapSize} bytes; new bytes are UNALLOCATED. */
    void growTo(int heapSize) {
        int needed = granulesFor(heapSize);
        if (needed > granules.length) {
            granules = Arrays.copyOf(granules, Math.max(needed, Math.min(Integer.MAX_VALUE - 8, granules.length * 2)));
        }
        size = Math.max(size, heapSize);
    }

    /** Makes room for a heap of {@code heapBytes} without covering it yet (a hint; nothing changes size). */
    void reserve(int heapBytes) {
        int needed = granulesFor(heapBytes);
        if (needed > granules.length) {
            granules = Arrays.copyOf(granules, needed);
        }
    }

    /** The heap bytes covered (the heap's size when last grown). */
    int size() {
        return size;
    }

    /** The shadow of one heap byte, as {@link #encode(int, int)} writes it. */
    byte at(int address) {
        int g = granules[address >>> GRANULE_SHIFT];
        return encode(stateOf(g, address & (GRANULE - 1)), g >>> GRANULE_TAG_SHIFT);
    }

    /**
     * The happy path: true if {@code [address, address + length)} ({@code length >= 1}) lies in the
     * heap and is the LIVE payload of one block, whose tag is {@code expectedTag} unless that is
     * negative (then any tag, but the same for every byte).
     */
    boolean isOneLiveBlock(int address, int length, int expectedTag) {
        if (address < 0 || length > size - address) {
            return false;
        }
        int g = address >>> GRANULE_SHIFT;
        int value = granules[g];
        if ((value & STATE1_MASK) != LIVE_FIRST
                || (expectedTag >= 0 && value >>> GRANULE_TAG_SHIFT != expectedTag)) {
            return false;
        }
        int end = (address & (GRANULE - 1)) + length;       // offset of the end, from granule g's start
        while (end > GRANULE) {                              // the access runs on into the next granule
            if ((value & RUN_MASK) != GRANULE) {
                return false;
            }
            int next = granules[++g];
            if ((next & STATE1_MASK) != LIVE_FIRST || next >>> GRANULE_TAG_SHIFT != value >>> GRANULE_TAG_SHIFT) {
                return false;
            }
            value = next;
            end -= GRANULE;
        }
        return end <= (value & RUN_MASK);
    }

    /**
     * Sets state and tag of {@code [from, to)}. Whole granules are filled at once; a granule cut by
     * either end is rewritten byte by byte. The result must read "first run, second run, rest not
     * handed out" in every granule, which holds as long as blocks start on a multiple of 8.
     */
    void mark(int from, int to, int state, int tag) {
        if (from >= to) {
            return;
        }
        int firstFull = (from + GRANULE - 1) >>> GRANULE_SHIFT;
        int endFull = to >>> GRANULE_SHIFT;
        if (firstFull > endFull) {                           // both ends in one granule
            markBytes(from, to, state, tag);
            return;
        }
        if ((from & (GRANULE - 1)) != 0) {
            markBytes(from, firstFull << GRANULE_SHIFT, state, tag);
        }
        if (endFull > firstFull) {
            Arrays.fill(granules, firstFull, endFull, full(state, tag));
        }
        if ((to & (GRANULE - 1)) != 0) {
            markBytes(endFull << GRANULE_SHIFT, to, state, tag);
        }
    }

    /**
     * Marks a new block: {@code [from, to)} LIVE, {@code [to, usableEnd)} PADDING, the rest of the
     * last granule UNALLOCATED. {@code from} is a multiple of 8 and {@code from < to <= usableEnd}.
     * The common case of {@link #mark}, written granule by granule without reading the old values.
     */
    void markBlock(int from, int to, int usableEnd, int tag) {
        int g = from >>> GRANULE_SHIFT;
        int liveEnd = to >>> GRANULE_SHIFT;
        int tagBits = tag << GRANULE_TAG_SHIFT;
        Arrays.fill(granules, g, liveEnd, (char) (GRANULE | GRANULE << B_SHIFT | LIVE << STATE1_SHIFT | tagBits));
        g = liveEnd;
        int a = to & (GRANULE - 1);
        if (a != 0) {                                        // payload ends inside granule g: padding may follow
            int b = Math.min(GRANULE, usableEnd - (g << GRANULE_SHIFT));
            int state2 = b > a ? PADDING << STATE2_SHIFT : 0;
            granules[g++] = (char) (a | Math.max(a, b) << B_SHIFT | LIVE << STATE1_SHIFT | state2 | tagBits);
        }
        int fullEnd = usableEnd >>> GRANULE_SHIFT;
        if (fullEnd > g) {
            Arrays.fill(granules, g, fullEnd, (char) (GRANULE | GRANULE << B_SHIFT | PADDING << STATE1_SHIFT | tagBits));
            g = fullEnd;
        }
        int rest = usableEnd - (g << GRANULE_SHIFT);
        if (rest > 0) {
            granules[g] = (char) (rest | rest << B_SHIFT | PADDING << STATE1_SHIFT | tagBits);
        }
    }

    /**
     * Marks the whole span of a block {@code [from, end)} ({@code from} a multiple of 8) with one
     * state, the rest of its last granule UNALLOCATED: a block freed into quarantine, or given back.
     */
    void markSpan(int from, int end, int state, int tag) {
        int g = from >>> GRANULE_SHIFT;
        int fullEnd = end >>> GRANULE_SHIFT;
        Arrays.fill(granules, g, fullEnd, full(state, tag));
        int rest = end & (GRANULE - 1);
        if (rest > 0) {
            granules[fullEnd] = state == UNALLOCATED ? (char) (tag << GRANULE_TAG_SHIFT)
                    : (char) (rest | rest << B_SHIFT | state << STATE1_SHIFT | tag << GRANULE_TAG_SHIFT);
        }
    }

    /**
     * The tags a new block {@code [from, usableEnd)} must not take: the left neighbour's (the
     * granule before), the last block's at this address (the granule at {@code from}) and the right
     * neighbour's (the first granule at or after {@code usableEnd}).
     */
    int tagsAround(int from, int usableEnd) {
        int g = from >>> GRANULE_SHIFT;
        int mask = 1 << (granules[g] >>> GRANULE_TAG_SHIFT);
        if (g > 0) {
            mask |= 1 << (granules[g - 1] >>> GRANULE_TAG_SHIFT);
        }
        int right = granulesFor(usableEnd);
        if (right < granulesFor(size)) {
            mask |= 1 << (granules[right] >>> GRANULE_TAG_SHIFT);
        }
        return mask;
    }

    private static char full(int state, int tag) {
        return state == UNALLOCATED ? (char) (tag << GRANULE_TAG_SHIFT)
                : (char) (GRANULE | GRANULE << B_SHIFT | state << STATE1_SHIFT | tag << GRANULE_TAG_SHIFT);
    }

    /** Rewrites the part {@code [from, to)} of one granule (its 8 states kept 2 bits each in an int). */
    private void markBytes(int from, int to, int state, int tag) {
        int g = from >>> GRANULE_SHIFT;
        int value = granules[g];
        int states = 0;
        for (int o = 0; o < GRANULE; o++) {
            int s = o >= (from & (GRANULE - 1)) && o < to - (g << GRANULE_SHIFT) ? state : stateOf(value, o);
            states |= s << (STATE_BITS * o);
        }
        granules[g] = pack(states, tag, g << GRANULE_SHIFT);
    }

    private static int stateOf(int value, int offset) {
        if (offset < (value & RUN_MASK)) {
            return (value >>> STATE1_SHIFT) & STATE_MASK;
        }
        if (offset < ((value >>> B_SHIFT) & RUN_MASK)) {
            return (value >>> STATE2_SHIFT) & STATE_MASK;
        }
        return UNALLOCATED;
    }

    private static int stateAt(int states, int offset) {
        return (states >>> (STATE_BITS * offset)) & STATE_MASK;
    }

    /** The granule value for 8 byte states; they must read "first run, second run, rest UNALLOCATED". */
    private static char pack(int states, int tag, int granuleStart) {
        int state1 = stateAt(states, 0);
        int a = 1;
        while (a < GRANULE && stateAt(states, a) == state1) {
            a++;
        }
        int state2 = a < GRANULE ? stateAt(states, a) : UNALLOCATED;
        int b = a;
        while (b < GRANULE && stateAt(states, b) == state2) {
            b++;
        }
        for (int o = b; o < GRANULE; o++) {
            if (stateAt(states, o) != UNALLOCATED) {
                throw notTwoRuns(granuleStart);
            }
        }
        if (state1 == UNALLOCATED) {
            if (state2 != UNALLOCATED) {
                throw notTwoRuns(granuleStart);
            }
            return (char) (tag << GRANULE_TAG_SHIFT);
        }
        if (state2 == UNALLOCATED) {
            b = a;
        }
        return (char) (a | b << B_SHIFT | state1 << STATE1_SHIFT | state2 << STATE2_SHIFT | tag << GRANULE_TAG_SHIFT);
    }

    private static IllegalStateException notTwoRuns(int granuleStart) {
        return new IllegalStateException("the shadow of the granule at heap index " + granuleStart
                + " cannot hold these states: it needs every block to start on a multiple of 8");
    }

    private static int granulesFor(int heapSize) {
        return (int) (((long) heapSize + GRANULE - 1) >>> GRANULE_SHIFT);
    }
}
