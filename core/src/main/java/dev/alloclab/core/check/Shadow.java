package dev.alloclab.core.check;

import java.util.Arrays;

/**
 * What the checked heap knows about every heap byte, kept per 8-byte granule as AddressSanitizer
 * keeps it: one shadow byte per {@link dev.alloclab.core.alloc.Allocator#ALIGNMENT 8} heap bytes,
 * so marking a block writes an eighth of its size and the happy path of an access reads one byte.
 *
 * <h2>Per heap byte: state and tag</h2>
 * Each heap byte has a state ({@link #UNALLOCATED}, {@link #LIVE}, {@link #PADDING}, {@link #FREED})
 * and the 4-bit tag of the block that last used it (see {@link TaggedIndex}; the tag stays when the
 * block is freed, so the next block at that address can be given a different one). {@link #at(int)}
 * answers per heap byte, {@code state | tag << 2}, as if the shadow were kept per byte: reports and
 * pictures read it that way.
 *
 * <h2>Per granule: one byte, and the end of a cut granule</h2>
 * Payloads start on a multiple of 8 (the allocator contract), so the bytes of a granule belong to
 * at most one block, and a granule reads: live bytes, then padding, then bytes not handed out (the
 * next block's header), each part possibly empty. The shadow byte of a granule is
 * <pre>
 *   bit   7 .. 4    3 .. 0
 *       +--------+---------+   kind  0      UNALLOCATED
 *       |  tag   |  kind   |         1..8   LIVE: the first kind bytes; then PADDING up to end[g]
 *       +--------+---------+         9, 10  PADDING: all 8 bytes / the bytes before end[g]
 *                                    11, 12 FREED:   all 8 bytes / the bytes before end[g]
 * </pre>
 * and only a granule that a block's span ends inside needs {@code end[g]} (a second array, written
 * once per block, read only by reports). The happy path is ASan's: "kind 1..8, the tag is right,
 * and the access ends at or before the kind-th byte". A zero is a granule nobody has used.
 *
 * <h2>Per page of 8 granules: a summary</h2>
 * The granule bytes live in a {@link GranuleArray}, which keeps one more byte per 64 heap bytes
 * saying "all eight granules here are the same", so the interior of a big block is marked a page
 * at a time. That is a matter of representation only: every answer above is the same.
 *
 * <h2>Deferred</h2>
 * For a program that never reads or writes its blocks, the marks can wait: after {@link #defer},
 * {@link #markBlock} and {@link #markSpan} only log what they would write ({@link DeferredMarks}),
 * and the first method that reads the shadow writes the whole log in order before it answers.
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

    /** Heap bytes per shadow byte. */
    static final int GRANULE = 8;
    static final int GRANULE_SHIFT = 3;

    static final int STATE_BITS = 2;
    static final int STATE_MASK = (1 << STATE_BITS) - 1;
    static final int TAG_SHIFT = STATE_BITS;

    // the kinds of a granule (bits 0..3 of its shadow byte); 1..8 are LIVE with that many live bytes
    private static final int KIND_MASK = 0xF;
    private static final int LIVE_FULL = GRANULE;
    private static final int PADDING_FULL = 9;
    private static final int PADDING_CUT = 10;
    private static final int FREED_FULL = 11;
    private static final int FREED_CUT = 12;
    private static final int GRANULE_TAG_SHIFT = 4;

    private final GranuleArray granules = new GranuleArray();
    /** For a granule a span ends inside: the offset where it ends (bytes from there on are UNALLOCATED). */
    private byte[] end = new byte[0];
    private int size;
    /**
     * The marks not written yet while the shadow is deferred ({@link #defer}), else null. Every
     * method that reads the shadow writes them first ({@link #materialize}), so no answer changes.
     */
    private DeferredMarks deferred;

    /**
     * From now on, marks are logged instead of written, until something reads the shadow (see
     * {@link DeferredMarks}). Only for a shadow that has not been marked yet.
     */
    void defer(int expectedMarks) {
        defer(new DeferredMarks(expectedMarks));
    }

    /** As above, logging into {@code marks} (tests give it a small cap). */
    void defer(DeferredMarks marks) {
        deferred = marks;
    }

    /** True while marks are logged rather than written. */
    boolean isDeferred() {
        return deferred != null;
    }

    /** Writes every logged mark, in order, and keeps the shadow written from then on. */
    void materialize() {
        DeferredMarks marks = deferred;
        if (marks != null) {
            deferred = null;
            int covered = size;
            size = 0;
            grow(covered);
            marks.replayOn(this);
        }
    }

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
        if (heapSize > size) {                               // the hot path (every alloc) is this test only
            if (deferred != null) {
                size = heapSize;                             // the arrays grow when the marks are written
            } else {
                grow(heapSize);
            }
        }
    }

    private void grow(int heapSize) {
        int needed = granulesFor(heapSize);
        if (needed > granules.length()) {
            resize(Math.max(needed, Math.min(Integer.MAX_VALUE - 8, granules.length() * 2)));
        }
        size = Math.max(size, heapSize);
    }

    /** Makes room for a heap of {@code heapBytes} without covering it yet (a hint; nothing changes size). */
    void reserve(int heapBytes) {
        if (deferred != null) {
            return;
        }
        int needed = granulesFor(heapBytes);
        if (needed > granules.length()) {
            resize(needed);
        }
    }

    private void resize(int granuleCount) {
        granules.growTo(granuleCount);
        end = Arrays.copyOf(end, granules.length());
    }

    /** The heap bytes covered (the heap's size when last grown). */
    int size() {
        materialize();
        return size;
    }

    /** The shadow of one heap byte, as {@link #encode(int, int)} writes it. */
    byte at(int address) {
        materialize();
        int g = address >>> GRANULE_SHIFT;
        int value = granules.get(g);
        return encode(stateOf(g, value, address & (GRANULE - 1)), tagOf(value));
    }

    /**
     * The first index in {@code (address, limit]} whose shadow differs from {@code address}'s ({@code limit} if
     * none does; {@code address < limit <= size()}): how the picture of a heap of megabytes walks it by runs, a whole
     * granule at a time where the granule is one state and tag, instead of byte by byte (a 500-step page of a
     * 6.8 MB heap read 3.4 billion shadow bytes).
     */
    int sameUntil(int address, int limit) {
        materialize();
        byte first = at(address);
        int i = address + 1;
        while (i < limit) {
            if ((i & (GRANULE - 1)) == 0 && limit - i >= GRANULE) {
                int value = granules.get(i >>> GRANULE_SHIFT);
                int kind = value & KIND_MASK;
                int state = kind == 0 ? UNALLOCATED : kind == LIVE_FULL ? LIVE : kind == PADDING_FULL ? PADDING
                        : kind == FREED_FULL ? FREED : -1;
                if (state >= 0) {
                    if (encode(state, tagOf(value)) != first) {
                        return i;
                    }
                    i += GRANULE;
                    continue;
                }
            }
            if (at(i) != first) {
                return i;
            }
            i++;
        }
        return limit;
    }

    /**
     * The happy path: true if {@code [address, address + length)} ({@code length >= 1}) lies in the
     * heap and is the LIVE payload of one block, whose tag is {@code expectedTag} unless that is
     * negative (then any tag, but the same for every byte).
     */
    boolean isOneLiveBlock(int address, int length, int expectedTag) {
        materialize();
        if (address < 0 || length > size - address) {
            return false;
        }
        int g = address >>> GRANULE_SHIFT;
        int value = granules.get(g);
        int live = value & KIND_MASK;                        // live bytes at the granule's start
        if (live == 0 || live > LIVE_FULL || (expectedTag >= 0 && tagOf(value) != expectedTag)) {
            return false;
        }
        int reach = (address & (GRANULE - 1)) + length;     // where the access ends, from granule g's start
        while (reach > GRANULE) {                            // it runs on into the next granule
            int next = granules.get(++g);
            if (live != LIVE_FULL || ((next ^ value) & ~KIND_MASK) != 0) {
                return false;                                // g is cut short, or the next has another tag
            }
            live = next & KIND_MASK;
            if (live == 0 || live > LIVE_FULL) {
                return false;
            }
            reach -= GRANULE;
        }
        return reach <= live;
    }

    /**
     * The tags a new block {@code [from, usableEnd)} must not take: the left neighbour's (the
     * granule before), the last block's at this address (the granule at {@code from}) and the right
     * neighbour's (the first granule at or after {@code usableEnd}).
     */
    int tagsAround(int from, int usableEnd) {
        materialize();
        int g = from >>> GRANULE_SHIFT;
        int mask = 1 << tagOf(granules.get(g));
        if (g > 0) {
            mask |= 1 << tagOf(granules.get(g - 1));
        }
        int right = granulesFor(usableEnd);
        if (right < granulesFor(size)) {
            mask |= 1 << tagOf(granules.get(right));
        }
        return mask;
    }

    /**
     * Marks a new block: {@code [from, to)} LIVE, {@code [to, usableEnd)} PADDING, the rest of the
     * last granule UNALLOCATED. {@code from} is a multiple of 8 and {@code from < to <= usableEnd}.
     * The common case of {@link #mark}, written granule by granule without reading the old values.
     */
    void markBlock(int from, int to, int usableEnd, int tag) {
        if (deferred != null) {
            if (deferred.add(DeferredMarks.BLOCK, from, to, usableEnd, tag)) {
                return;
            }
            materialize();                                   // the log is full: write it, and this mark
        }
        int tagBits = tag << GRANULE_TAG_SHIFT;
        int g = to >>> GRANULE_SHIFT;
        granules.fill(from >>> GRANULE_SHIFT, g, (byte) (LIVE_FULL | tagBits));
        int live = to & (GRANULE - 1);
        if (live != 0) {                                     // the payload ends inside granule g
            granules.set(g, (byte) (live | tagBits));
            end[g] = (byte) Math.min(GRANULE, usableEnd - (g << GRANULE_SHIFT));
            g++;
        }
        int fullEnd = usableEnd >>> GRANULE_SHIFT;
        if (fullEnd > g) {
            granules.fill(g, fullEnd, (byte) (PADDING_FULL | tagBits));
            g = fullEnd;
        }
        int rest = usableEnd - (g << GRANULE_SHIFT);
        if (rest > 0) {
            granules.set(g, (byte) (PADDING_CUT | tagBits));
            end[g] = (byte) rest;
        }
    }

    /**
     * Marks the whole span of a block {@code [from, spanEnd)} ({@code from} a multiple of 8) with
     * one state, the rest of its last granule UNALLOCATED: a block freed into quarantine, or given back.
     */
    void markSpan(int from, int spanEnd, int state, int tag) {
        if (deferred != null) {
            if (deferred.add(DeferredMarks.SPAN, from, spanEnd, state, tag)) {
                return;
            }
            materialize();
        }
        int fullEnd = spanEnd >>> GRANULE_SHIFT;
        granules.fill(from >>> GRANULE_SHIFT, fullEnd, full(state, tag));
        int rest = spanEnd & (GRANULE - 1);
        if (rest > 0) {
            setCut(fullEnd, state, rest, state, rest, tag);
        }
    }

    /**
     * Sets state and tag of {@code [from, to)}. Whole granules are filled at once; a granule cut by
     * either end is rewritten byte by byte. Every granule must still read "live, padding, not handed
     * out" (or "freed, not handed out"), which holds as long as blocks start on a multiple of 8.
     */
    void mark(int from, int to, int state, int tag) {
        materialize();                                       // (the checked heap never calls it; tests do)
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
            granules.fill(firstFull, endFull, full(state, tag));
        }
        if ((to & (GRANULE - 1)) != 0) {
            markBytes(endFull << GRANULE_SHIFT, to, state, tag);
        }
    }

    private static byte full(int state, int tag) {
        int kind = switch (state) {
            case LIVE -> LIVE_FULL;
            case PADDING -> PADDING_FULL;
            case FREED -> FREED_FULL;
            default -> 0;
        };
        return (byte) (kind | tag << GRANULE_TAG_SHIFT);
    }

    /** Rewrites the part {@code [from, to)} of one granule (its 8 states kept 2 bits each in an int). */
    private void markBytes(int from, int to, int state, int tag) {
        int g = from >>> GRANULE_SHIFT;
        int value = granules.get(g);
        int states = 0;
        for (int o = 0; o < GRANULE; o++) {
            int s = o >= (from & (GRANULE - 1)) && o < to - (g << GRANULE_SHIFT) ? state : stateOf(g, value, o);
            states |= s << (STATE_BITS * o);
        }
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
                throw notRepresentable(g);
            }
        }
        setCut(g, state1, a, state2 == UNALLOCATED ? state1 : state2, state2 == UNALLOCATED ? a : b, tag);
    }

    /**
     * Granule {@code g} holds {@code first} in {@code [0, a)} and {@code second} in {@code [a, b)}
     * (the same state when there is only one run), then UNALLOCATED.
     */
    private void setCut(int g, int first, int a, int second, int b, int tag) {
        int tagBits = tag << GRANULE_TAG_SHIFT;
        if (first == UNALLOCATED || a == 0) {
            if (second != first && second != UNALLOCATED) {
                throw notRepresentable(g);
            }
            granules.set(g, (byte) tagBits);
            return;
        }
        if (first == LIVE) {
            if (second != LIVE && second != PADDING) {
                throw notRepresentable(g);
            }
            granules.set(g, (byte) (a | tagBits));
            end[g] = (byte) (second == LIVE ? a : b);
            return;
        }
        if (second != first) {
            throw notRepresentable(g);
        }
        boolean whole = b == GRANULE;
        int kind = first == PADDING ? (whole ? PADDING_FULL : PADDING_CUT) : (whole ? FREED_FULL : FREED_CUT);
        granules.set(g, (byte) (kind | tagBits));
        end[g] = (byte) b;
    }

    /** The state of byte {@code offset} of granule {@code g}, whose shadow byte is {@code value}. */
    private int stateOf(int g, int value, int offset) {
        int kind = value & KIND_MASK;
        if (kind == 0) {
            return UNALLOCATED;
        }
        if (kind <= LIVE_FULL) {
            return offset < kind ? LIVE : offset < end[g] ? PADDING : UNALLOCATED;
        }
        return switch (kind) {
            case PADDING_FULL -> PADDING;
            case PADDING_CUT -> offset < end[g] ? PADDING : UNALLOCATED;
            case FREED_FULL -> FREED;
            default -> offset < end[g] ? FREED : UNALLOCATED;
        };
    }

    private static int tagOf(int shadowByte) {
        return (shadowByte >>> GRANULE_TAG_SHIFT) & TaggedIndex.TAG_MASK;
    }

    private static int stateAt(int states, int offset) {
        return (states >>> (STATE_BITS * offset)) & STATE_MASK;
    }

    private static IllegalStateException notRepresentable(int granule) {
        return new IllegalStateException("the shadow of the granule at heap index " + (granule << GRANULE_SHIFT)
                + " cannot hold these states: it needs every block to start on a multiple of 8");
    }

    private static int granulesFor(int heapSize) {
        return (int) (((long) heapSize + GRANULE - 1) >>> GRANULE_SHIFT);
    }
}
