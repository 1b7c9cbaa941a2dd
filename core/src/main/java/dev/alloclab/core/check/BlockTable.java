package dev.alloclab.core.check;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The live blocks by payload address: an array with one entry per 8-byte granule of the heap,
 * holding the block that starts there. Payloads start on multiples of 8, so the entry of address
 * {@code a} is {@code a / 8}: finding, adding and removing a block is one array access, with no
 * hashing, no probing, no boxing, and next to the memory the program just used.
 *
 * <p>The price is memory: one reference per 8 heap bytes (about half the heap's high-water mark),
 * grown as the heap grows. Walking the live blocks in address order scans the array, which only
 * reports and pictures do.
 *
 * <p>Where a block has ended, its entry keeps a marker of its tag ({@link #lastTagAt}): a checked heap
 * whose shadow is deferred chooses the next tag at that address from it, in the same array access that
 * looks for a live block there, instead of keeping a second array per granule.
 */
final class BlockTable {
    /** The markers of ended blocks, one per tag, shared: never live, told apart by a negative id. */
    private static final BlockSlot[] ENDED = new BlockSlot[TaggedIndex.MAX_TAG + 1];

    static {
        for (int tag = 0; tag < ENDED.length; tag++) {
            ENDED[tag] = new BlockSlot();
            ENDED[tag].id = -1;
            ENDED[tag].tag = tag;
        }
    }

    private BlockSlot[] byGranule = new BlockSlot[64];
    private int count;

    int size() {
        return count;
    }

    /** The live block whose payload starts at {@code address}, or {@code null}. */
    BlockSlot get(int address) {
        int g = address >>> Shadow.GRANULE_SHIFT;
        if ((address & (Shadow.GRANULE - 1)) != 0 || g >= byGranule.length) {
            return null;
        }
        BlockSlot block = byGranule[g];
        return block == null || block.id < 0 ? null : block;
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
        BlockSlot block = byGranule[g];
        return block == null ? TaggedIndex.NO_TAG : block.tag;
    }

    /** Adds {@code block} (whose payload starts on a multiple of 8), replacing any block at its address. */
    void put(BlockSlot block) {
        int g = block.from >>> Shadow.GRANULE_SHIFT;
        if (g >= byGranule.length) {
            reserve(block.from + Shadow.GRANULE);
        }
        BlockSlot old = byGranule[g];
        if (old == null || old.id < 0) {
            count++;
        }
        byGranule[g] = block;
    }

    /** Removes and returns the live block at {@code address}, or {@code null} if there is none. */
    BlockSlot remove(int address) {
        BlockSlot removed = get(address);
        if (removed != null) {
            byGranule[address >>> Shadow.GRANULE_SHIFT] = ENDED[removed.tag & TaggedIndex.TAG_MASK];
            count--;
        }
        return removed;
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
            if (byGranule[g] != null && byGranule[g].id >= 0) {
                all.add(byGranule[g].record());
                found++;
            }
        }
        return all;
    }
}
