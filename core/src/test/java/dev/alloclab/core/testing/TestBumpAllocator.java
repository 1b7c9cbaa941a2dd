package dev.alloclab.core.testing;

import dev.alloclab.core.alloc.AllocationRequests;
import dev.alloclab.core.alloc.Allocator;
import dev.alloclab.core.memory.HeapBytes;
import java.util.HashMap;
import java.util.Map;

/**
 * A test fixture: hands out 8-aligned indexes from the break and never reuses them. Enough to
 * test code that needs some correct allocator but must not depend on the reference allocators.
 */
public final class TestBumpAllocator implements Allocator {
    private final HeapBytes heap;
    private final Map<Integer, Integer> sizes = new HashMap<>();

    public TestBumpAllocator(HeapBytes heap) {
        this.heap = heap;
    }

    @Override
    public int alloc(int size) {
        AllocationRequests.checkSize("alloc", size);
        if (size == 0) {
            return NULL;
        }
        int rounded = (size + 7) & ~7;
        int index = heap.sbrk(rounded);
        if (index == HeapBytes.NO_MEMORY) {
            return NULL;
        }
        sizes.put(index, rounded);
        return index;
    }

    @Override
    public void dealloc(int index) {
        sizes.remove(index);
    }

    @Override
    public HeapBytes heap() {
        return heap;
    }

    @Override
    public int usableSize(int index) {
        return sizes.get(index);
    }

    /** The live blocks: payload index to usable size. */
    public Map<Integer, Integer> live() {
        return sizes;
    }
}
