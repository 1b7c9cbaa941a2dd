package dev.alloclab.exercises.bump;

import dev.alloclab.core.Checks;
import dev.alloclab.core.alloc.AllocationRequests;
import dev.alloclab.core.alloc.Allocator;
import dev.alloclab.core.alloc.HeapRegion;
import dev.alloclab.core.memory.HeapBytes;
import java.util.ArrayList;
import java.util.List;

/**
 * A bump (arena) allocator: the "dealloc at the end" strategy as an allocator. Every block is
 * carved from the top of the used bytes; {@link #dealloc(int)} does nothing; {@link #reset()}
 * gives every block back at once.
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
    private int top;

    public BumpAllocator(HeapBytes heap) {
        this.heap = Checks.notNull(heap, "heap");
    }

    @Override
    public HeapBytes heap() {
        return heap;
    }

    @Override
    public int alloc(int size) {
        AllocationRequests.checkSize("alloc", size);
        if (size == 0) {
            return NULL;
        }
        long blockSize = Checks.alignUp((long) HEADER_BYTES + size, ALIGNMENT);
        long end = top + blockSize;
        if (end > heap.size()) {
            long missing = end - heap.size();
            if (missing > Integer.MAX_VALUE || heap.sbrk((int) missing) == HeapBytes.NO_MEMORY) {
                return NULL;
            }
        }
        int block = top;
        heap.writeInt(block, (int) blockSize);
        top = (int) end;
        return block + HEADER_BYTES;
    }

    /** Does nothing: a bump allocator frees only everything at once, with {@link #reset()}. */
    @Override
    public void dealloc(int index) {
        // Deliberately empty: the arena keeps every block until reset().
    }

    @Override
    public int usableSize(int index) {
        return heap.readInt(index - HEADER_BYTES) - HEADER_BYTES;
    }

    /** Frees every block at once: the next {@code alloc} starts again at index 0. */
    public void reset() {
        top = 0;
    }

    /** Bytes handed out since the last reset, headers included. */
    public int bytesInUse() {
        return top;
    }

    @Override
    public List<HeapRegion> regions() {
        List<HeapRegion> regions = new ArrayList<>();
        for (int block = 0; block < top; block += heap.readInt(block)) {
            int end = block + heap.readInt(block);
            regions.add(new HeapRegion(block, block + HEADER_BYTES, HeapRegion.Kind.HEADER));
            regions.add(new HeapRegion(block + HEADER_BYTES, end, HeapRegion.Kind.LIVE));
        }
        if (top < heap.size()) {
            regions.add(new HeapRegion(top, heap.size(), HeapRegion.Kind.FREE));
        }
        return regions;
    }
}
