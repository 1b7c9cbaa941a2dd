package dev.alloclab.exercises.explicitlist;

import dev.alloclab.core.Checks;
import dev.alloclab.core.NotImplemented;
import dev.alloclab.core.alloc.Allocator;
import dev.alloclab.core.alloc.sim.FreeChunk;
import dev.alloclab.core.memory.HeapBytes;
import java.util.List;

/**
 * An explicit free list: the free blocks are linked to each other through their own bytes, so a
 * search visits only free blocks. Placement (first, best, next fit) and list order (LIFO,
 * address) are chosen at construction; freed blocks are coalesced with their neighbours at once.
 * It must hand out exactly the indexes core's {@code ReferenceAllocator} hands out when that is
 * configured the same way (8-byte header, heap grown as the reference grows it; see the docs page),
 * and keep the same free list: the visible tests run both side by side and compare every step.
 * Instructions and the exact rules: {@code docs/exercises/explicit-list.md}.
 *
 * <p>A split keeps any rest, even an 8-byte one that is only a header, so a free block may have
 * room for its size and one link only: keep the list singly linked.
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

    /**
     * The free list in list order, head first: each free block's start (its header, not the
     * payload) and its size in bytes, header included. The tests compare it with the reference's
     * {@code freeList()} after every step and print both when they differ.
     */
    public List<FreeChunk> freeList() {
        throw NotImplemented.yet("ExplicitFreeListAllocator.freeList: walk from the head along the next links and "
                + "list each free block as new FreeChunk(blockStart, blockSize)");
    }

    @Override
    public int usableSize(int index) {
        throw NotImplemented.yet("ExplicitFreeListAllocator.usableSize: the block size in the header at index - 8, minus "
                + "the header");
    }
}
