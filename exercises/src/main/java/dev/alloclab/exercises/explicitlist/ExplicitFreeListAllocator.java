package dev.alloclab.exercises.explicitlist;

import dev.alloclab.core.Checks;
import dev.alloclab.core.NotImplemented;
import dev.alloclab.core.alloc.Allocator;
import dev.alloclab.core.memory.HeapBytes;

/**
 * An explicit free list: the free blocks are linked to each other through their own bytes, so a
 * search visits only free blocks. Placement (first, best, next fit) and list order (LIFO,
 * address) are chosen at construction; freed blocks are coalesced with their neighbours at once.
 * It must hand out exactly the indexes core's {@code ReferenceAllocator} hands out when that is
 * configured the same way. Instructions and the exact rules: {@code docs/exercises/explicit-list.md}.
 */
public final class ExplicitFreeListAllocator implements Allocator {
    /** Bytes in front of every payload. */
    public static final int HEADER_BYTES = 8;

    private final HeapBytes heap;
    private final Placement placement;
    private final FreeListOrder order;

    public ExplicitFreeListAllocator(HeapBytes heap, Placement placement, FreeListOrder order) {
        this.heap = Checks.notNull(heap, "heap");
        this.placement = Checks.notNull(placement, "placement");
        this.order = Checks.notNull(order, "order");
    }

    public Placement placement() {
        return placement;
    }

    public FreeListOrder order() {
        return order;
    }

    @Override
    public HeapBytes heap() {
        return heap;
    }

    /** Bytes of the block for a request: the size rounded up to 8, then the header added. */
    public static long blockSizeFor(int requestedSize) {
        throw NotImplemented.yet("ExplicitFreeListAllocator.blockSizeFor: round the size up to 8, then add HEADER_BYTES");
    }

    @Override
    public int alloc(int size) {
        throw NotImplemented.yet("ExplicitFreeListAllocator.alloc: search the free list with the placement policy, split "
                + "the block (the rest stays where the block was in the list), grow the heap when nothing fits");
    }

    @Override
    public void dealloc(int index) {
        throw NotImplemented.yet("ExplicitFreeListAllocator.dealloc: put the block in the list (front for LIFO, sorted for "
                + "ADDRESS) and coalesce it with free neighbours");
    }

    @Override
    public int usableSize(int index) {
        throw NotImplemented.yet("ExplicitFreeListAllocator.usableSize: the block size in the header at index - 8, minus "
                + "the header");
    }
}
