package dev.alloclab.core.check;

import java.util.Arrays;

/**
 * One shadow byte per heap byte: what the checked heap knows about that byte.
 *
 * <pre>
 *   bit   7 6    5 .. 2    1 0
 *       +-----+----------+-------+
 *       |  0  |   tag    | state |     state: UNALLOCATED, LIVE, PADDING, FREED
 *       +-----+----------+-------+
 * </pre>
 *
 * <p>The tag of the block that last used the byte stays when the block is freed, so the next
 * block at that address can be given a different one. Every byte of a live payload has the same
 * shadow value, so an access is fine exactly when all its bytes equal the value expected of it:
 * one comparison per byte, no lookup, no allocation. Anything else goes to the slow path that
 * looks blocks up and writes the report.
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

    static final int STATE_BITS = 2;
    static final int STATE_MASK = (1 << STATE_BITS) - 1;
    static final int TAG_SHIFT = STATE_BITS;

    private byte[] bytes = new byte[0];
    private int size;

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
        if (heapSize > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(heapSize, Math.min(Integer.MAX_VALUE - 8, bytes.length * 2)));
        }
        size = Math.max(size, heapSize);
    }

    int size() {
        return size;
    }

    byte at(int address) {
        return bytes[address];
    }

    /**
     * The happy path: true if {@code [address, address + length)} lies in the shadow, is LIVE
     * and every byte equals {@code expected}, or, when {@code expected < 0}, equals the first byte.
     */
    boolean isOneLiveBlock(int address, int length, int expected) {
        if (address < 0 || length > size - address) {
            return false;
        }
        byte first = bytes[address];
        if (expected < 0) {
            if ((first & STATE_MASK) != LIVE) {
                return false;
            }
        } else if (first != (byte) expected) {
            return false;
        }
        for (int i = address + 1, end = address + length; i < end; i++) {
            if (bytes[i] != first) {
                return false;
            }
        }
        return true;
    }

    /** Bit {@code t} set for each tag {@code t} found on the bytes of {@code [from, to)} (clipped). */
    int tagsIn(int from, int to) {
        int mask = 0;
        for (int i = Math.max(0, from), end = Math.min(to, size); i < end; i++) {
            mask |= 1 << tag(bytes[i]);
        }
        return mask;
    }

    /** Sets state and tag of {@code [from, to)}. */
    void mark(int from, int to, int state, int tag) {
        Arrays.fill(bytes, from, to, encode(state, tag));
    }
}
