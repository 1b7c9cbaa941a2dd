package dev.alloclab.core.check;

/**
 * The layout of a tagged index, the checked heap's model of ARM's memory tagging (MTE).
 *
 * <p>In tagged mode the checked heap hands the program an index whose high bits carry a 4-bit
 * tag, and remembers the same tag for every byte of the block. Each access compares the two: a
 * stale index (its block was freed, and perhaps the memory was handed out again) still carries
 * the old tag, so it no longer matches and the mistake is caught even after reuse. Each time an
 * address is handed out again it gets a tag different from the one it had before and from its
 * neighbours' tags.
 *
 * <pre>
 *   bit  31   30 .. 27   26 ..................................... 0
 *      +----+----------+------------------------------------------+
 *      |  0 |   tag    |  address: the byte index into heap_bytes |
 *      +----+----------+------------------------------------------+
 *   tag 0 = no tag (an index the program made up); tags 1..15 are handed out
 * </pre>
 *
 * <p>Because the address keeps the low 27 bits, a tagged heap holds at most 128 MiB, and
 * arithmetic on an index inside its block ({@code heap.readInt(index + 4)}) never touches the
 * tag. Bit 31 stays 0, so a tagged index is never negative and never equals
 * {@link dev.alloclab.core.alloc.Allocator#NULL}. Print a tagged index with {@link #describe(int)}.
 */
public final class TaggedIndex {
    /** How many bits the tag has: 16 tags, as in MTE. */
    public static final int TAG_BITS = 4;
    /** How many low bits hold the heap address. */
    public static final int ADDRESS_BITS = 27;
    /** Where the tag starts. */
    public static final int TAG_SHIFT = ADDRESS_BITS;
    /** Selects the address bits of an index. */
    public static final int ADDRESS_MASK = (1 << ADDRESS_BITS) - 1;
    /** Selects a tag once shifted down. */
    public static final int TAG_MASK = (1 << TAG_BITS) - 1;
    /** The largest heap a tagged index can address: 128 MiB. */
    public static final int MAX_HEAP_BYTES = 1 << ADDRESS_BITS;
    /** The tag of an index that carries none. */
    public static final int NO_TAG = 0;
    /** The largest tag; tags 1..MAX_TAG are handed out. */
    public static final int MAX_TAG = TAG_MASK;

    private TaggedIndex() {
    }

    /** The tag carried by a non-negative {@code index}. */
    public static int tag(int index) {
        return (index >>> TAG_SHIFT) & TAG_MASK;
    }

    /** The heap address carried by a non-negative {@code index}. */
    public static int address(int index) {
        return index & ADDRESS_MASK;
    }

    /** The index that carries {@code address} and {@code tag}. */
    public static int of(int address, int tag) {
        return address | tag << TAG_SHIFT;
    }

    /** {@code "64 (tag 3)"} for a tagged index, the plain number for any other. */
    public static String describe(int index) {
        if (index < 0 || tag(index) == NO_TAG) {
            return Integer.toString(index);
        }
        return address(index) + " (tag " + tag(index) + ")";
    }
}
