package dev.alloclab.core.check;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The live blocks by payload address: an {@code int} array with one entry per 8-byte granule of
 * the heap, holding the slot (in {@link BlockSlots}) of the block that starts there. Payloads start
 * on multiples of 8, so the entry of address {@code a} is {@code a / 8}: finding, adding and
 * removing a block is one array access, with no hashing, no probing, no boxing.
 *
 * <p>An entry also holds the tag of the block that started there last, live or ended
 * ({@link #lastTagAt}): a checked heap whose shadow is deferred chooses the next tag at that address
 * from it, and a tagged free compares its index's tag with it, in the same array access that looks
 * for a live block there.
 * <pre>
 *   bit 31  30 ........................... 4   3 .. 0
 *      +---+--------------------------------+--------+
 *      | 0 |  slot + 1, or 0: no live block |  tag   |     0 as a whole: no block ever started here
 *      +---+--------------------------------+--------+
 * </pre>
 *
 * <p>The price is memory: 4 bytes per 8 heap bytes (half the heap's high-water mark), grown as the
 * heap grows. Why slot numbers and not references to block objects: a reference store passes the
 * garbage collector's write barrier, and a block's liveness or tag would be read from the object behind
 * the reference; here the entry answers both. (The table's own cache miss stays: on a big heap it is
 * most of what a lookup costs.) Walking the live blocks in address order scans the array, which only
 * reports and pictures do.
 */
final class BlockTable {
    private static final int TAG_BITS = TaggedIndex.TAG_BITS;
    private static final int TAG_MASK = TaggedIndex.TAG_MASK;

    private final BlockSlots slots;
    private int[] byGranule = new int[64];
    private int count;

    /** A table of the blocks whose facts {@code slots} holds. */
    BlockTable(BlockSlots slots) {
        this.slots = slots;
    }

    int size() {
        return count;
    }

    /** The slot of the live block whose payload starts at {@code address}, or {@link BlockSlots#NONE}. */
    int get(int address) {
        int g = address >>> Shadow.GRANULE_SHIFT;
        if ((address & (Shadow.GRANULE - 1)) != 0 || g >= byGranule.length) {
            return BlockSlots.NONE;
        }
        return slotOf(byGranule[g]);
    }

    /** The slot an entry names, or {@link BlockSlots#NONE} for an ended block or none. */
    private static int slotOf(int entry) {
        return (entry >>> TAG_BITS) - 1;
    }

    /** The live block whose payload starts at {@code address} as a record, or {@code null} (for reports). */
    BlockRecord recordAt(int address) {
        int slot = get(address);
        return slot == BlockSlots.NONE ? null : slots.record(slot);
    }

    /**
     * The tag of the block that started at {@code address} last, live or ended; {@link TaggedIndex#NO_TAG}
     * if none did (or {@code address} is not a granule's start).
     */
    int lastTagAt(int address) {
        int g = address >>> Shadow.GRANULE_SHIFT;
        if ((address & (Shadow.GRANULE - 1)) != 0 || g >= byGranule.length) {
            return TaggedIndex.NO_TAG;
        }
        return byGranule[g] & TAG_MASK;
    }

    /** Adds the block in {@code slot} (whose payload starts on a multiple of 8), replacing any block at its address. */
    void put(int slot) {
        int from = slots.from(slot);
        int g = from >>> Shadow.GRANULE_SHIFT;
        if (g >= byGranule.length) {
            reserve(from + Shadow.GRANULE);
        }
        if (slotOf(byGranule[g]) == BlockSlots.NONE) {
            count++;
        }
        byGranule[g] = (slot + 1) << TAG_BITS | slots.tag(slot) & TAG_MASK;
    }

    /** Removes the live block at {@code address} and returns its slot, or {@link BlockSlots#NONE} if there is none. */
    int remove(int address) {
        int removed = get(address);
        if (removed != BlockSlots.NONE) {
            byGranule[address >>> Shadow.GRANULE_SHIFT] &= TAG_MASK;   // the tag stays: lastTagAt
            count--;
        }
        return removed;
    }

    /** True if a live block starts in {@code [from, to)} (addresses; only granule starts can hold one). */
    boolean anyLiveIn(int from, int to) {
        int[] table = byGranule;
        int end = Math.min(table.length, (int) (((long) to + Shadow.GRANULE - 1) >>> Shadow.GRANULE_SHIFT));
        for (int g = (int) (((long) from + Shadow.GRANULE - 1) >>> Shadow.GRANULE_SHIFT); g < end; g++) {
            if (table[g] > TAG_MASK) {
                return true;
            }
        }
        return false;
    }

    /** Makes room for blocks in a heap of {@code heapBytes} bytes (a hint; nothing else changes). */
    void reserve(int heapBytes) {
        int needed = (int) (((long) heapBytes + Shadow.GRANULE - 1) >>> Shadow.GRANULE_SHIFT);
        if (needed > byGranule.length) {
            byGranule = Arrays.copyOf(byGranule, Math.max(needed, Math.min(Integer.MAX_VALUE - 8, byGranule.length * 2)));
        }
    }

    /** Every live block as a record, in address order (for reports, never on the happy path). */
    List<BlockRecord> inAddressOrder() {
        List<BlockRecord> all = new ArrayList<>(count);
        for (int g = 0, found = 0; found < count; g++) {
            int slot = slotOf(byGranule[g]);
            if (slot != BlockSlots.NONE) {
                all.add(slots.record(slot));
                found++;
            }
        }
        return all;
    }
}
