package dev.alloclab.exercises.bump;

import dev.alloclab.core.Checks;
import dev.alloclab.core.NotImplemented;
import dev.alloclab.core.alloc.Allocator;
import dev.alloclab.core.memory.HeapBytes;

/**
 * A bump (arena) allocator: the "dealloc at the end" strategy as an allocator. Every block is
 * carved from the top of the used bytes; {@link #dealloc(int)} does nothing; {@link #reset()}
 * gives every block back at once. Instructions: {@code docs/exercises/bump.md}.
 *
 * <pre>
 *   0        8                 b       b+8                      top            heap.size()
 *   +--------+-----------------+-------+------------------------+--------------+
 *   | header | payload         |header | payload                | not yet used |
 *   +--------+-----------------+-------+------------------------+--------------+
 *   header: 4-byte block size (header included, a multiple of 8), then 4 unused bytes
 * </pre>
 *
 * <p>A block of {@code size} requested bytes takes {@code alignUp(HEADER_BYTES + size, 8)} bytes;
 * its payload starts {@link #HEADER_BYTES} after the block. When the block passes the heap's end
 * the heap grows by exactly the missing bytes ({@code sbrk}); if it cannot, {@code alloc} returns
 * {@link #NULL} and nothing changes. After {@code reset()} allocation starts again at index 0 and
 * reuses the bytes the heap already has.
 */
public final class BumpAllocator implements Allocator {
    /** Bytes before every payload: the block size, padded to 8 so payloads stay aligned. */
    public static final int HEADER_BYTES = 8;

    private final HeapBytes heap;
    // Add the field you need: where the next block starts (the "top").

    public BumpAllocator(HeapBytes heap) {
        this.heap = Checks.notNull(heap, "heap");
    }

    @Override
    public HeapBytes heap() {
        return heap;
    }

    @Override
    public int alloc(int size) {
        throw NotImplemented.yet("BumpAllocator.alloc: check the size (AllocationRequests.checkSize), return NULL for 0, "
                + "take alignUp(8 + size, 8) bytes at the top, grow the heap with sbrk if needed, write the block size "
                + "in the header, return block + 8");
    }

    /** Does nothing: a bump allocator frees only everything at once, with {@link #reset()}. */
    @Override
    public void dealloc(int index) {
        throw NotImplemented.yet("BumpAllocator.dealloc: do nothing at all (delete this line) - an arena frees "
                + "everything at once in reset()");
    }

    @Override
    public int usableSize(int index) {
        throw NotImplemented.yet("BumpAllocator.usableSize: read the block size from the header 8 bytes before index "
                + "and subtract the header");
    }

    /** Frees every block at once: the next {@code alloc} starts again at index 0. */
    public void reset() {
        throw NotImplemented.yet("BumpAllocator.reset: move the top back to 0 (the heap keeps its size)");
    }

    /** Bytes handed out since the last reset, headers included. */
    public int bytesInUse() {
        throw NotImplemented.yet("BumpAllocator.bytesInUse: return the top, the bytes used since the last reset");
    }
}
