package dev.alloclab.learnerlike;

import dev.alloclab.core.alloc.Allocator;
import dev.alloclab.core.alloc.ReferenceAllocator;
import dev.alloclab.core.memory.HeapBytes;

/**
 * A learner's allocator (its package is none of the kit's) whose dealloc reads a word past the heap's end: HeapBytes
 * throws, one frame below the line a learner should look at.
 */
public final class DeallocReadsPastTheEnd implements Allocator {
    private final Allocator inner;

    public DeallocReadsPastTheEnd(HeapBytes heap) {
        this.inner = ReferenceAllocator.firstFit(heap);
    }

    @Override
    public int alloc(int size) {
        return inner.alloc(size);
    }

    @Override
    public void dealloc(int index) {
        heap().readInt(heap().size() + 64);
    }

    @Override
    public HeapBytes heap() {
        return inner.heap();
    }

    @Override
    public int usableSize(int index) {
        return inner.usableSize(index);
    }
}
