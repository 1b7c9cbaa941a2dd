package dev.alloclab.exercises.buddy;

import dev.alloclab.core.Checks;
import dev.alloclab.core.alloc.AllocationRequests;
import dev.alloclab.core.alloc.Allocator;
import dev.alloclab.core.alloc.HeapRegion;
import dev.alloclab.core.memory.HeapBytes;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * A binary buddy allocator over one arena of {@code arenaBytes} (a power of two) taken from the
 * heap when it is created. Every block is a power of two, at least {@link #MIN_BLOCK} bytes, and
 * starts at an offset (from the arena start) that is a multiple of its size. A block of size
 * {@code s} at offset {@code o} has exactly one buddy: the block at {@code o ^ s}, its other half
 * in the block of size {@code 2s} they were split from.
 *
 * <pre>
 *   arena offset 0                 64                 128
 *   +--------+--------+--------+-------------------+--------------------------------------+
 *   |  16 a  |  16 f  |   32 a                      |  64 free                             |
 *   +--------+--------+--------+-------------------+--------------------------------------+
 *   each block: [header 8 B: blockSize | ALLOCATED_BIT][payload: alloc returns block + 8]
 *   buddies: 0 and 16 (size 16), 0 and 32 (size 32), 0 and 64 (size 64)
 * </pre>
 *
 * <ul>
 *   <li>{@code alloc(size)} needs the smallest power of two {@code >= size + HEADER_BYTES} (at
 *       least {@link #MIN_BLOCK}). It takes a free block of exactly that size, or else splits the
 *       smallest larger free block in halves again and again, keeping the lower half and putting
 *       each upper half on its free list. Among free blocks of one size it takes the lowest
 *       offset. No block big enough: {@link #NULL}.</li>
 *   <li>{@code dealloc} marks the block free and, while its buddy is free and whole (same size),
 *       merges the two into their parent, up to the whole arena.</li>
 * </ul>
 */
public final class BuddyAllocator implements Allocator {
    /** The smallest block: an 8-byte header and 8 payload bytes. */
    public static final int MIN_BLOCK = 16;
    /** Bytes before each payload: the block size and the allocated bit. */
    public static final int HEADER_BYTES = 8;
    /** Bit 0 of the header: the block is in use. */
    public static final int ALLOCATED_BIT = 1;

    private final HeapBytes heap;
    private final int base;
    private final int arenaBytes;
    /** freeBlocks[k]: offsets of the free blocks of size MIN_BLOCK << k, lowest first. */
    private final List<TreeSet<Integer>> freeBlocks = new ArrayList<>();

    /**
     * Takes an arena of {@code arenaBytes} (a power of two, at least {@link #MIN_BLOCK}) from the
     * heap, starting at an 8-aligned index; the whole arena starts as one free block.
     */
    public BuddyAllocator(HeapBytes heap, int arenaBytes) {
        this.heap = Checks.notNull(heap, "heap");
        this.arenaBytes = checkArena(arenaBytes);
        this.base = takeArena(heap, arenaBytes);
        for (int size = MIN_BLOCK; size <= arenaBytes; size <<= 1) {
            freeBlocks.add(new TreeSet<>());
        }
        freeBlocks.get(orderOf(arenaBytes)).add(0);
        writeHeader(0, arenaBytes, false);
    }

    static int checkArena(int arenaBytes) {
        if (arenaBytes < MIN_BLOCK || Integer.bitCount(arenaBytes) != 1) {
            throw new IllegalArgumentException("arenaBytes must be a power of two >= " + MIN_BLOCK
                    + ", but was " + arenaBytes);
        }
        return arenaBytes;
    }

    static int takeArena(HeapBytes heap, int arenaBytes) {
        int padding = (int) (Checks.alignUp(heap.size(), ALIGNMENT) - heap.size());
        if (heap.sbrk(padding) == HeapBytes.NO_MEMORY || heap.sbrk(arenaBytes) == HeapBytes.NO_MEMORY) {
            throw new IllegalArgumentException("the heap cannot hold a buddy arena of " + arenaBytes
                    + " bytes (it has " + heap.size() + " of at most " + heap.maxSize() + " bytes)");
        }
        return heap.size() - arenaBytes;
    }

    /** The offset of the buddy of the block of {@code blockSize} bytes at arena offset {@code offset}. */
    public static int buddyOf(int offset, int blockSize) {
        return offset ^ blockSize;
    }

    /** The block size that serves a request of {@code requestedSize} bytes. */
    public static int blockSizeFor(int requestedSize) {
        long needed = Math.max(MIN_BLOCK, (long) requestedSize + HEADER_BYTES);
        if (requestedSize < 0 || needed > 1 << 30) {
            throw new IllegalArgumentException("blockSizeFor(" + requestedSize + "): expected 0 <= requestedSize <= "
                    + ((1 << 30) - HEADER_BYTES));
        }
        long size = Long.highestOneBit(needed);
        return (int) (size == needed ? size : size << 1);
    }

    /** Heap index where the arena starts; offsets are counted from here. */
    public int arenaStart() {
        return base;
    }

    public int arenaBytes() {
        return arenaBytes;
    }

    @Override
    public HeapBytes heap() {
        return heap;
    }

    @Override
    public int alloc(int size) {
        AllocationRequests.checkSize("alloc", size);
        if (size == 0 || (long) size + HEADER_BYTES > arenaBytes) {
            return NULL;
        }
        int wanted = orderOf(blockSizeFor(size));
        int order = wanted;
        while (order < freeBlocks.size() && freeBlocks.get(order).isEmpty()) {
            order++;
        }
        if (order == freeBlocks.size()) {
            return NULL;
        }
        int offset = freeBlocks.get(order).pollFirst();
        while (order > wanted) {
            order--;
            int half = MIN_BLOCK << order;
            freeBlocks.get(order).add(offset + half);
            writeHeader(offset + half, half, false);
        }
        writeHeader(offset, MIN_BLOCK << wanted, true);
        return base + offset + HEADER_BYTES;
    }

    @Override
    public void dealloc(int index) {
        if (index == NULL) {
            return;
        }
        int offset = index - HEADER_BYTES - base;
        int size = blockSize(offset);
        while (size < arenaBytes && freeBlocks.get(orderOf(size)).remove(buddyOf(offset, size))) {
            offset = Math.min(offset, buddyOf(offset, size));
            size <<= 1;
        }
        freeBlocks.get(orderOf(size)).add(offset);
        writeHeader(offset, size, false);
    }

    @Override
    public int usableSize(int index) {
        return blockSize(index - HEADER_BYTES - base) - HEADER_BYTES;
    }

    /** Arena offsets of the free blocks of {@code blockSize} bytes, lowest first. */
    public List<Integer> freeBlocksOfSize(int blockSize) {
        return List.copyOf(freeBlocks.get(orderOf(blockSize)));
    }

    @Override
    public List<HeapRegion> regions() {
        List<HeapRegion> regions = new ArrayList<>();
        for (int offset = 0; offset < arenaBytes; offset += blockSize(offset)) {
            int block = base + offset;
            int end = block + blockSize(offset);
            boolean allocated = (heap.readInt(block) & ALLOCATED_BIT) != 0;
            regions.add(new HeapRegion(block, block + HEADER_BYTES, HeapRegion.Kind.HEADER));
            regions.add(new HeapRegion(block + HEADER_BYTES, end, allocated ? HeapRegion.Kind.LIVE : HeapRegion.Kind.FREE));
        }
        return regions;
    }

    private int blockSize(int offset) {
        return heap.readInt(base + offset) & ~ALLOCATED_BIT;
    }

    private void writeHeader(int offset, int size, boolean allocated) {
        heap.writeInt(base + offset, size | (allocated ? ALLOCATED_BIT : 0));
    }

    private static int orderOf(int blockSize) {
        return Integer.numberOfTrailingZeros(blockSize / MIN_BLOCK);
    }
}
