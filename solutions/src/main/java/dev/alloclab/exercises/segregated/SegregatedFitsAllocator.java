package dev.alloclab.exercises.segregated;

import dev.alloclab.core.Checks;
import dev.alloclab.core.alloc.AllocationRequests;
import dev.alloclab.core.alloc.Allocator;
import dev.alloclab.core.alloc.HeapRegion;
import dev.alloclab.core.memory.HeapBytes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

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
    /** Bytes of the header and of the footer. */
    public static final int TAG_BYTES = 4;
    /** Where the first block starts, after 4 padding bytes, so payloads are 8-aligned. */
    public static final int FIRST_BLOCK = 4;
    /** The smallest block: header, two 4-byte links, footer. */
    public static final int MIN_BLOCK = 16;
    /** How many size classes; the last one holds every block of 16 * 2^(CLASSES-1) bytes or more. */
    public static final int CLASSES = 24;

    private static final int ALLOCATED_BIT = 1;
    private static final int SIZE_MASK = ~0b111;
    private static final int NEXT = 4;
    private static final int PREV = 8;

    private final HeapBytes heap;
    private final int[] heads = new int[CLASSES];

    public SegregatedFitsAllocator(HeapBytes heap) {
        this.heap = Checks.notNull(heap, "heap");
        Arrays.fill(heads, NULL);
    }

    /** The size class of a block of {@code blockSize} bytes. */
    public static int sizeClassOf(int blockSize) {
        int k = 31 - Integer.numberOfLeadingZeros(Math.max(blockSize, MIN_BLOCK) / MIN_BLOCK);
        return Math.min(k, CLASSES - 1);
    }

    /** Bytes of the block that serves a request of {@code requestedSize} bytes. */
    public static int blockSizeFor(int requestedSize) {
        return (int) Math.max(MIN_BLOCK, Checks.alignUp((long) requestedSize + 2 * TAG_BYTES, ALIGNMENT));
    }

    @Override
    public HeapBytes heap() {
        return heap;
    }

    @Override
    public int alloc(int size) {
        AllocationRequests.checkSize("alloc", size);
        if (size == 0 || size > Integer.MAX_VALUE - 2 * ALIGNMENT) {
            return NULL;
        }
        int needed = blockSizeFor(size);
        int block = findFit(needed);
        if (block == NULL) {
            block = growFor(needed);
            if (block == NULL) {
                return NULL;
            }
        } else {
            unlink(block);
        }
        place(block, needed);
        return block + TAG_BYTES;
    }

    /** First fit inside the request's own class, then the first block of any larger class. */
    private int findFit(int needed) {
        int k = sizeClassOf(needed);
        for (int b = heads[k]; b != NULL; b = heap.readInt(b + NEXT)) {
            if (sizeOf(b) >= needed) {
                return b;
            }
        }
        for (int c = k + 1; c < CLASSES; c++) {
            if (heads[c] != NULL) {
                if (c < CLASSES - 1) {
                    return heads[c];
                }
                for (int b = heads[c]; b != NULL; b = heap.readInt(b + NEXT)) {
                    if (sizeOf(b) >= needed) {
                        return b;
                    }
                }
            }
        }
        return NULL;
    }

    /** A block of at least {@code needed} bytes at the heap's end, not on any list; or NULL. */
    private int growFor(int needed) {
        if (heap.size() == 0 && heap.sbrk(FIRST_BLOCK) == HeapBytes.NO_MEMORY) {
            return NULL;
        }
        int last = lastBlockIfFree();
        int block = last == NULL ? heap.size() : last;
        int have = heap.size() - block;
        if (heap.sbrk(needed - have) == HeapBytes.NO_MEMORY) {
            return NULL;
        }
        if (last != NULL) {
            unlink(last);
        }
        writeTags(block, needed, false);
        return block;
    }

    private int lastBlockIfFree() {
        if (heap.size() <= FIRST_BLOCK) {
            return NULL;
        }
        int footer = heap.readInt(heap.size() - TAG_BYTES);
        return (footer & ALLOCATED_BIT) == 0 ? heap.size() - (footer & SIZE_MASK) : NULL;
    }

    /** Marks {@code block} (off every list) allocated with {@code needed} bytes, freeing the rest. */
    private void place(int block, int needed) {
        int available = sizeOf(block);
        if (available - needed >= MIN_BLOCK) {
            writeTags(block, needed, true);
            writeTags(block + needed, available - needed, false);
            push(block + needed);
        } else {
            writeTags(block, available, true);
        }
    }

    @Override
    public void dealloc(int index) {
        if (index == NULL) {
            return;
        }
        int block = index - TAG_BYTES;
        int size = sizeOf(block);
        int next = block + size;
        if (next < heap.size() && !isAllocated(next)) {
            unlink(next);
            size += sizeOf(next);
        }
        if (block > FIRST_BLOCK) {
            int leftFooter = heap.readInt(block - TAG_BYTES);
            if ((leftFooter & ALLOCATED_BIT) == 0) {
                block -= leftFooter & SIZE_MASK;
                unlink(block);
                size += leftFooter & SIZE_MASK;
            }
        }
        writeTags(block, size, false);
        push(block);
    }

    /**
     * Grows or shrinks in place when it can: a smaller size keeps the block (and frees a big
     * enough tail); a larger one takes a free right neighbour, or grows the heap when the block
     * (or its free right neighbour) ends at the heap's end. Otherwise alloc, copy, dealloc.
     */
    @Override
    public int realloc(int index, int size) {
        AllocationRequests.checkSize("realloc", size);
        if (index == NULL) {
            return alloc(size);
        }
        if (size == 0) {
            dealloc(index);
            return NULL;
        }
        if (size > Integer.MAX_VALUE - 2 * ALIGNMENT) {
            return NULL;
        }
        int block = index - TAG_BYTES;
        int needed = blockSizeFor(size);
        int current = sizeOf(block);
        if (needed <= current) {
            shrinkInPlace(block, current, needed);
            return index;
        }
        int next = block + current;
        int available = current;
        boolean nextFree = next < heap.size() && !isAllocated(next);
        if (nextFree) {
            available += sizeOf(next);
        }
        boolean endsAtHeapEnd = block + available == heap.size();
        if (available < needed && endsAtHeapEnd) {
            if (heap.sbrk(needed - available) == HeapBytes.NO_MEMORY) {
                return NULL;
            }
            available = needed;
        }
        if (available >= needed) {
            if (nextFree) {
                unlink(next);
            }
            writeTags(block, available, true);
            shrinkInPlace(block, available, needed);
            return index;
        }
        int moved = alloc(size);
        if (moved == NULL) {
            return NULL;
        }
        heap.copy(index, moved, Math.min(current - 2 * TAG_BYTES, size));
        dealloc(index);
        return moved;
    }

    private void shrinkInPlace(int block, int current, int needed) {
        if (current - needed < MIN_BLOCK) {
            return;
        }
        writeTags(block, needed, true);
        int rest = block + needed;
        writeTags(rest, current - needed, true);
        dealloc(rest + TAG_BYTES);
    }

    @Override
    public int usableSize(int index) {
        return sizeOf(index - TAG_BYTES) - 2 * TAG_BYTES;
    }

    @Override
    public List<HeapRegion> regions() {
        List<HeapRegion> regions = new ArrayList<>();
        if (heap.size() >= FIRST_BLOCK) {
            regions.add(new HeapRegion(0, FIRST_BLOCK, HeapRegion.Kind.PADDING));
        }
        for (int block = FIRST_BLOCK; block < heap.size(); block += sizeOf(block)) {
            int end = block + sizeOf(block);
            regions.add(new HeapRegion(block, block + TAG_BYTES, HeapRegion.Kind.HEADER));
            regions.add(new HeapRegion(block + TAG_BYTES, end - TAG_BYTES,
                    isAllocated(block) ? HeapRegion.Kind.LIVE : HeapRegion.Kind.FREE));
            regions.add(new HeapRegion(end - TAG_BYTES, end, HeapRegion.Kind.HEADER));
        }
        return regions;
    }

    private int sizeOf(int block) {
        return heap.readInt(block) & SIZE_MASK;
    }

    private boolean isAllocated(int block) {
        return (heap.readInt(block) & ALLOCATED_BIT) != 0;
    }

    private void writeTags(int block, int blockSize, boolean allocated) {
        int tag = blockSize | (allocated ? ALLOCATED_BIT : 0);
        heap.writeInt(block, tag);
        heap.writeInt(block + blockSize - TAG_BYTES, tag);
    }

    /** Puts a free block at the front of its class's list. */
    private void push(int block) {
        int k = sizeClassOf(sizeOf(block));
        int head = heads[k];
        heap.writeInt(block + NEXT, head);
        heap.writeInt(block + PREV, NULL);
        if (head != NULL) {
            heap.writeInt(head + PREV, block);
        }
        heads[k] = block;
    }

    /** Takes a free block off its class's list. */
    private void unlink(int block) {
        int next = heap.readInt(block + NEXT);
        int prev = heap.readInt(block + PREV);
        if (prev == NULL) {
            heads[sizeClassOf(sizeOf(block))] = next;
        } else {
            heap.writeInt(prev + NEXT, next);
        }
        if (next != NULL) {
            heap.writeInt(next + PREV, prev);
        }
    }
}
