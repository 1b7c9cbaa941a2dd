package dev.alloclab.exercises.explicitlist;

import dev.alloclab.core.Checks;
import dev.alloclab.core.alloc.AllocationRequests;
import dev.alloclab.core.alloc.Allocator;
import dev.alloclab.core.alloc.sim.FreeChunk;
import dev.alloclab.core.memory.HeapBytes;
import java.util.ArrayList;
import java.util.List;

/**
 * An explicit free list: the free blocks are linked to each other through their own bytes, so a
 * search visits only free blocks. Placement (first, best, next fit) and list order (LIFO,
 * address) are chosen at construction; freed blocks are coalesced with their list neighbours at
 * once. It hands out exactly the indexes core's {@code ReferenceAllocator} hands out when that is
 * configured the same way (FIRST/BEST/NEXT fit = {@code FitPolicy.FIRST/BEST/NEXT}, LIFO =
 * {@code ListOrder.INSERT_FRONT}, ADDRESS = {@code ListOrder.ADDRESS}, coalescing on), and keeps
 * the same free list. Instructions and the exact rules: {@code docs/exercises/explicit-list.md}.
 *
 * <pre>
 *   allocated block b:  [ size|1 : 4 | unused : 4 ][ payload (alloc returns b + 8) ... ]
 *   free block b:       [ size   : 4 | next   : 4 ][ ... ]      next: the next free block or -1
 *   head -> [free] -> [free] -> ... -> -1
 * </pre>
 *
 * <p>A split keeps any rest, even an 8-byte one that is only a header ({@code [ 8 | next ]}), so a
 * free block has room for one link only: the list is singly linked.
 */
public final class ExplicitFreeListAllocator implements Allocator {
    /** Bytes in front of every payload. */
    public static final int HEADER_BYTES = 8;
    private static final int NEXT = 4;
    private static final int ALLOCATED_BIT = 1;

    private final HeapBytes heap;
    private final Placement placement;
    private final FreeListOrder order;
    private int head = NULL;
    /** NEXT_FIT: the free block where the next search starts, or NULL for the head. */
    private int rover = NULL;

    public ExplicitFreeListAllocator(HeapBytes heap, Placement placement, FreeListOrder order) {
        this.heap = Checks.notNull(heap, "heap");
        this.placement = Checks.notNull(placement, "placement");
        this.order = Checks.notNull(order, "order");
        int misalignment = heap.size() % ALIGNMENT;
        if (misalignment != 0 && heap.sbrk(ALIGNMENT - misalignment) == HeapBytes.NO_MEMORY) {
            throw new IllegalArgumentException("the heap has no room to align its first block");
        }
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
        return Checks.alignUp(requestedSize, ALIGNMENT) + HEADER_BYTES;
    }

    @Override
    public int alloc(int size) {
        AllocationRequests.checkSize("alloc", size);
        if (size == 0) {
            return NULL;
        }
        long needed = blockSizeFor(size);
        if (needed > heap.maxSize()) {
            return NULL;
        }
        int block = search((int) needed);
        if (block == NULL) {
            if (!grow((int) needed)) {
                return NULL;
            }
            block = search((int) needed);
        }
        take(block, (int) needed);
        return block + HEADER_BYTES;
    }

    private int search(int needed) {
        if (placement == Placement.NEXT_FIT) {
            int start = rover == NULL ? head : rover;
            for (int b = start; b != NULL; b = next(b)) {
                if (size(b) >= needed) {
                    return b;
                }
            }
            for (int b = head; b != start && b != NULL; b = next(b)) {
                if (size(b) >= needed) {
                    return b;
                }
            }
            return NULL;
        }
        int best = NULL;
        for (int b = head; b != NULL; b = next(b)) {
            if (size(b) >= needed) {
                if (placement == Placement.FIRST_FIT) {
                    return b;
                }
                if (best == NULL || size(b) < size(best)) {
                    best = b;
                }
            }
        }
        return best;
    }

    /** Carves the block from the low end of free block {@code block}; the rest keeps its list place. */
    private void take(int block, int needed) {
        int available = size(block);
        int previous = previousOf(block);
        int after = next(block);
        int successor;
        if (available > needed) {
            int rest = block + needed;
            setFree(rest, available - needed, after);
            link(previous, rest);
            successor = after;
        } else {
            link(previous, after);
            successor = after;
        }
        rover = successor == NULL ? head : successor;
        heap.writeInt(block, needed | ALLOCATED_BIT);
        heap.writeInt(block + NEXT, 0);
    }

    /** Grows the heap so that a block of {@code needed} bytes fits, as the reference allocator does. */
    private boolean grow(int needed) {
        int missing = needed;
        if (order == FreeListOrder.ADDRESS) {
            for (int b = head; b != NULL; b = next(b)) {
                if (b + size(b) == heap.size()) {
                    missing -= size(b);
                }
            }
        }
        int start = heap.sbrk(missing);
        if (start == HeapBytes.NO_MEMORY) {
            return false;
        }
        release(start, missing);
        return true;
    }

    @Override
    public void dealloc(int index) {
        if (index == NULL) {
            return;
        }
        int block = index - HEADER_BYTES;
        release(block, heap.readInt(block) & ~ALLOCATED_BIT);
    }

    /** Puts a free block in the list by the order, then merges list neighbours that touch. */
    private void release(int block, int size) {
        if (order == FreeListOrder.LIFO || head == NULL || head > block) {
            setFree(block, size, head);
            head = block;
        } else {
            int before = head;
            while (next(before) != NULL && next(before) < block) {
                before = next(before);
            }
            setFree(block, size, next(before));
            link(before, block);
        }
        coalesce();
    }

    private void coalesce() {
        int b = head;
        while (b != NULL) {
            int n = next(b);
            if (n != NULL && b + size(b) == n) {
                setFree(b, size(b) + size(n), next(n));
                if (rover == n) {
                    rover = b;
                }
            } else {
                b = n;
            }
        }
    }

    /** The free list in list order, head first: block start (header) and block size. */
    public List<FreeChunk> freeList() {
        List<FreeChunk> list = new ArrayList<>();
        for (int b = head; b != NULL; b = next(b)) {
            list.add(new FreeChunk(b, size(b)));
        }
        return list;
    }

    @Override
    public int usableSize(int index) {
        return (heap.readInt(index - HEADER_BYTES) & ~ALLOCATED_BIT) - HEADER_BYTES;
    }

    private int size(int block) {
        return heap.readInt(block) & ~ALLOCATED_BIT;
    }

    private int next(int block) {
        return heap.readInt(block + NEXT);
    }

    private void setFree(int block, int size, int next) {
        heap.writeInt(block, size);
        heap.writeInt(block + NEXT, next);
    }

    private void link(int previous, int block) {
        if (previous == NULL) {
            head = block;
        } else {
            heap.writeInt(previous + NEXT, block);
        }
    }

    private int previousOf(int block) {
        int previous = NULL;
        for (int b = head; b != block; b = next(b)) {
            previous = b;
        }
        return previous;
    }
}
