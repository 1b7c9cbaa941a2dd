package dev.alloclab.exercises.segregated;

import dev.alloclab.core.Checks;
import dev.alloclab.core.NotImplemented;
import dev.alloclab.core.alloc.Allocator;
import dev.alloclab.core.memory.HeapBytes;

/**
 * Segregated fits: free blocks are kept on one explicit, doubly linked list per size class, so a
 * request looks only at blocks of about the right size. Realloc grows a block in place when it
 * can. This is the performance exercise: the grader replays traces and scores utilization (peak
 * live bytes / heap size) and throughput.
 *
 * <pre>
 *   0     4
 *   +-----+--------+------------------------------------+--------+
 *   | pad | header | payload (alloc returns b+4)        | footer |   allocated block
 *   +-----+--------+------------------------------------+--------+
 *         | header | next free | prev free | ...        | footer |   free block
 *         +--------+-----------+-----------+------------+--------+
 *          b        b+4         b+8                      b+size-4
 *   header == footer == blockSize | ALLOCATED_BIT; next/prev: heap index of a free block or -1
 *
 *   size class k holds free blocks with 16 * 2^k <= blockSize < 16 * 2^(k+1)
 *   heads[k] -> [block] <-> [block] <-> ...        (the heads live in a Java int[])
 * </pre>
 *
 * <p>The contract is the {@link dev.alloclab.core.alloc.Allocator} contract; the layout is
 * yours to change (the visible tests check only the contract). One rule, Malloc Lab's: the
 * blocks' bookkeeping (sizes, tags, links) lives in the heap, where it counts against
 * utilization. Fields may hold a fixed array of list heads and a few scalars, never a map or
 * list that grows with the number of blocks (the grader checks this at each trace's peak).
 */
public final class SegregatedFitsAllocator implements Allocator {
    private final HeapBytes heap;
    // Add your size classes here: e.g. an int[] of list heads, one per class.

    public SegregatedFitsAllocator(HeapBytes heap) {
        this.heap = Checks.notNull(heap, "heap");
    }

    @Override
    public HeapBytes heap() {
        return heap;
    }

    @Override
    public int alloc(int size) {
        throw NotImplemented.yet("SegregatedFitsAllocator.alloc: find a free block in the request's size class (or a "
                + "larger one), take it off its list, split off the rest; grow the heap when none fits");
    }

    @Override
    public void dealloc(int index) {
        throw NotImplemented.yet("SegregatedFitsAllocator.dealloc: merge the block with free neighbours (take them off "
                + "their lists) and push the result on its size class's list");
    }

    @Override
    public int usableSize(int index) {
        throw NotImplemented.yet("SegregatedFitsAllocator.usableSize: the payload bytes of the block at index");
    }

    /**
     * Grows or shrinks in place when it can, otherwise alloc, copy, dealloc. (To start, you may
     * delete this method: the interface's default realloc always moves.)
     */
    @Override
    public int realloc(int index, int size) {
        throw NotImplemented.yet("SegregatedFitsAllocator.realloc: keep the block when it is big enough, take a free right "
                + "neighbour or grow the heap at its end when it is not, move only as a last resort");
    }
}
