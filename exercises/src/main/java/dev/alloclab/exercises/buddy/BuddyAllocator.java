package dev.alloclab.exercises.buddy;

import dev.alloclab.core.Checks;
import dev.alloclab.core.NotImplemented;
import dev.alloclab.core.alloc.Allocator;
import dev.alloclab.core.memory.HeapBytes;
import java.util.List;

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
    // Add your free lists here: one per block size (a java.util.TreeSet<Integer> of offsets works).

    /**
     * Takes an arena of {@code arenaBytes} (a power of two, at least {@link #MIN_BLOCK}) from the
     * heap, starting at an 8-aligned index; the whole arena starts as one free block.
     */
    public BuddyAllocator(HeapBytes heap, int arenaBytes) {
        this.heap = Checks.notNull(heap, "heap");
        if (arenaBytes < MIN_BLOCK || Integer.bitCount(arenaBytes) != 1) {
            throw new IllegalArgumentException("arenaBytes must be a power of two >= " + MIN_BLOCK
                    + ", but was " + arenaBytes);
        }
        this.arenaBytes = arenaBytes;
        int padding = (int) (Checks.alignUp(heap.size(), ALIGNMENT) - heap.size());
        if (heap.sbrk(padding) == HeapBytes.NO_MEMORY || heap.sbrk(arenaBytes) == HeapBytes.NO_MEMORY) {
            throw new IllegalArgumentException("the heap cannot hold a buddy arena of " + arenaBytes + " bytes");
        }
        this.base = heap.size() - arenaBytes;
        // Then make the whole arena (offset 0) one free block of arenaBytes.
    }

    /** The offset of the buddy of the block of {@code blockSize} bytes at arena offset {@code offset}. */
    public static int buddyOf(int offset, int blockSize) {
        throw NotImplemented.yet("BuddyAllocator.buddyOf: flip the bit of the offset that equals the block size");
    }

    /** The block size that serves a request of {@code requestedSize} bytes. */
    public static int blockSizeFor(int requestedSize) {
        throw NotImplemented.yet("BuddyAllocator.blockSizeFor: the smallest power of two >= requestedSize + HEADER_BYTES, "
                + "at least MIN_BLOCK");
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
        throw NotImplemented.yet("BuddyAllocator.alloc: find the smallest free block that fits, split it in halves down "
                + "to blockSizeFor(size) (upper halves go free), mark it used, return arenaStart + offset + 8");
    }

    @Override
    public void dealloc(int index) {
        throw NotImplemented.yet("BuddyAllocator.dealloc: free the block, then merge it with its buddy (offset ^ size) "
                + "while the buddy is free and of the same size");
    }

    @Override
    public int usableSize(int index) {
        throw NotImplemented.yet("BuddyAllocator.usableSize: the block size from the header at index - 8, minus the header");
    }

    /** Arena offsets of the free blocks of {@code blockSize} bytes, lowest first. */
    public List<Integer> freeBlocksOfSize(int blockSize) {
        throw NotImplemented.yet("BuddyAllocator.freeBlocksOfSize: list the offsets on that size's free list, lowest first");
    }
}
