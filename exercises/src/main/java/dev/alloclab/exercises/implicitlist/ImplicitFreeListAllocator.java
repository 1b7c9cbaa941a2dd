package dev.alloclab.exercises.implicitlist;

import dev.alloclab.core.Checks;
import dev.alloclab.core.NotImplemented;
import dev.alloclab.core.alloc.Allocator;
import dev.alloclab.core.memory.HeapBytes;

/**
 * An implicit free list with boundary tags, kept entirely in the heap bytes: every block,
 * allocated or free, starts with a header and ends with a footer holding its size and an
 * allocated bit. The blocks lie end to end, so walking from one header to the next visits them all.
 * Instructions: {@code docs/exercises/implicit-list.md}.
 *
 * <pre>
 *   0     4 (FIRST_BLOCK)
 *   +-----+--------+------------------------------+--------+--------+-- ...
 *   | pad | header | payload (alloc returns b+4)  | footer | header |
 *   +-----+--------+------------------------------+--------+--------+-- ...
 *          b        b+4                  b+size-4   b+size
 *   header == footer == blockSize | ALLOCATED_BIT        (blockSize: a multiple of 8, at least 16)
 * </pre>
 *
 * <ul>
 *   <li>Blocks start at 4 mod 8, so payloads ({@code b + 4}) are 8-byte aligned. The first
 *       {@code alloc} grows the heap by the 4 padding bytes before the first block.</li>
 *   <li>A request of {@code size} bytes needs {@code max(16, alignUp(size + 8, 8))} bytes
 *       ({@link #blockSizeFor(int)}).</li>
 *   <li><b>First fit</b>: the first free block, walking from {@link #FIRST_BLOCK}, that is big
 *       enough. <b>Splitting</b>: if at least {@link #MIN_BLOCK} bytes would be left over, the
 *       block is cut in two and the rest stays free right after it.</li>
 *   <li>When nothing fits the heap grows with {@code sbrk}: by the whole block, or, when the last
 *       block is free, by only what that block lacks (the two become one).</li>
 *   <li>{@link #dealloc(int)} marks the block free and merges it at once with a free right
 *       neighbour (found by its header) and a free left neighbour (found by the footer just
 *       before the block): two free blocks are never adjacent.</li>
 * </ul>
 */
public final class ImplicitFreeListAllocator implements Allocator {
    /** Bytes of the header and of the footer. */
    public static final int TAG_BYTES = 4;
    /** Where the first block starts: after 4 padding bytes, so that payloads are 8-aligned. */
    public static final int FIRST_BLOCK = 4;
    /** The smallest block: header, 8 payload bytes, footer. */
    public static final int MIN_BLOCK = 16;
    /** Bit 0 of a tag: the block is in use. */
    public static final int ALLOCATED_BIT = 0b001;
    /** Bits 3..31 of a tag: the block size in bytes. */
    public static final int SIZE_MASK = ~0b111;

    private final HeapBytes heap;

    public ImplicitFreeListAllocator(HeapBytes heap) {
        this.heap = Checks.notNull(heap, "heap");
    }

    /** The tag (header or footer word) of a block of {@code blockSize} bytes. */
    public static int pack(int blockSize, boolean allocated) {
        return blockSize | (allocated ? ALLOCATED_BIT : 0);
    }

    public static int blockSize(int tag) {
        return tag & SIZE_MASK;
    }

    public static boolean isAllocated(int tag) {
        return (tag & ALLOCATED_BIT) != 0;
    }

    /** Bytes of the block that serves a request of {@code requestedSize} bytes. */
    public static int blockSizeFor(int requestedSize) {
        throw NotImplemented.yet("ImplicitFreeListAllocator.blockSizeFor: header + payload + footer rounded up to 8, "
                + "at least MIN_BLOCK");
    }

    @Override
    public HeapBytes heap() {
        return heap;
    }

    @Override
    public int alloc(int size) {
        throw NotImplemented.yet("ImplicitFreeListAllocator.alloc: walk the blocks from FIRST_BLOCK, take the first free "
                + "one that is big enough (split it when 16+ bytes are left), else grow the heap; return block + 4");
    }

    @Override
    public void dealloc(int index) {
        throw NotImplemented.yet("ImplicitFreeListAllocator.dealloc: mark the block free in header and footer, then "
                + "merge it with a free right neighbour and a free left neighbour (found by its footer)");
    }

    @Override
    public int usableSize(int index) {
        throw NotImplemented.yet("ImplicitFreeListAllocator.usableSize: the block size from the header at index - 4, "
                + "minus header and footer");
    }
}
