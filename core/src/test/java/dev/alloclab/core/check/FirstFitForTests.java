package dev.alloclab.core.check;

import dev.alloclab.core.Checks;
import dev.alloclab.core.alloc.AllocationRequests;
import dev.alloclab.core.alloc.Allocator;
import dev.alloclab.core.alloc.HeapRegion;
import dev.alloclab.core.memory.HeapBytes;
import java.util.ArrayList;
import java.util.List;

/**
 * A small implicit-list first-fit allocator for the checked heap's tests, so they do not depend
 * on the reference simulator. Each block is an 8-byte header (block size | allocated bit) and its
 * payload; blocks are multiples of 8; a free block is split when the rest can hold a block;
 * dealloc merges with the following free block.
 *
 * <pre>
 *   b          b+8                              b+size
 *   +----------+--------------------------------+
 *   | header 8 | payload (alloc returns b+8)    |
 *   +----------+--------------------------------+
 * </pre>
 */
final class FirstFitForTests implements Allocator {
    static final int HEADER = 8;
    static final int ALLOCATED_BIT = 1;
    static final int SIZE_MASK = ~0b111;
    static final int MIN_BLOCK = 16;

    private final HeapBytes heap;

    FirstFitForTests(HeapBytes heap) {
        this.heap = heap;
    }

    static FirstFitForTests withMax(int bytes) {
        return new FirstFitForTests(HeapBytes.withMax(bytes));
    }

    @Override
    public int alloc(int size) {
        AllocationRequests.checkSize("alloc", size);
        if (size == 0) {
            return NULL;
        }
        int need = (int) Math.max(MIN_BLOCK, Checks.alignUp((long) size + HEADER, 8));
        for (int b = 0; b < heap.size(); b += blockSize(b)) {
            int header = heap.readInt(b);
            int blockSize = header & SIZE_MASK;
            if ((header & ALLOCATED_BIT) == 0 && blockSize >= need) {
                if (blockSize - need >= MIN_BLOCK) {
                    heap.writeInt(b + need, blockSize - need);
                    blockSize = need;
                }
                heap.writeInt(b, blockSize | ALLOCATED_BIT);
                return b + HEADER;
            }
        }
        int b = heap.sbrk(need);
        if (b == HeapBytes.NO_MEMORY) {
            return NULL;
        }
        heap.writeInt(b, need | ALLOCATED_BIT);
        return b + HEADER;
    }

    @Override
    public void dealloc(int index) {
        if (index == NULL) {
            return;
        }
        int b = index - HEADER;
        int size = blockSize(b);
        int next = b + size;
        if (next < heap.size() && (heap.readInt(next) & ALLOCATED_BIT) == 0) {
            size += blockSize(next);
        }
        heap.writeInt(b, size);
    }

    @Override
    public HeapBytes heap() {
        return heap;
    }

    @Override
    public int usableSize(int index) {
        return blockSize(index - HEADER) - HEADER;
    }

    @Override
    public List<HeapRegion> regions() {
        List<HeapRegion> regions = new ArrayList<>();
        for (int b = 0; b < heap.size(); b += blockSize(b)) {
            boolean allocated = (heap.readInt(b) & ALLOCATED_BIT) != 0;
            regions.add(new HeapRegion(b, b + HEADER, HeapRegion.Kind.HEADER));
            regions.add(new HeapRegion(b + HEADER, b + blockSize(b),
                    allocated ? HeapRegion.Kind.LIVE : HeapRegion.Kind.FREE));
        }
        return regions;
    }

    private int blockSize(int b) {
        return heap.readInt(b) & SIZE_MASK;
    }
}
