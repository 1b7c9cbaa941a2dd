package dev.alloclab.core.check;

import dev.alloclab.core.Checks;
import dev.alloclab.core.alloc.AllocationRequests;
import dev.alloclab.core.alloc.Allocator;
import dev.alloclab.core.memory.HeapBytes;

/**
 * A bump allocator with no headers: payloads rounded to 8 and laid end to end, dealloc does
 * nothing. Neighbouring blocks touch, which is what the tagged-mode tests need.
 */
class BumpForTests implements Allocator {
    private final HeapBytes heap;

    BumpForTests(HeapBytes heap) {
        this.heap = heap;
    }

    @Override
    public int alloc(int size) {
        AllocationRequests.checkSize("alloc", size);
        if (size == 0) {
            return NULL;
        }
        int index = heap.sbrk((int) Checks.alignUp(size, ALIGNMENT));
        return index == HeapBytes.NO_MEMORY ? NULL : index;
    }

    @Override
    public void dealloc(int index) {
        // a bump allocator gives memory back only all at once
    }

    @Override
    public HeapBytes heap() {
        return heap;
    }

    @Override
    public int usableSize(int index) {
        return 8;
    }
}
