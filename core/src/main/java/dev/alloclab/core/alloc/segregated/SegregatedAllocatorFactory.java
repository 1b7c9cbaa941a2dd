package dev.alloclab.core.alloc.segregated;

import dev.alloclab.core.alloc.Allocator;
import dev.alloclab.core.alloc.AllocatorFactory;
import dev.alloclab.core.memory.HeapBytes;

/** Registers {@link SegregatedAllocator} as {@code segregated} (see {@link AllocatorFactory}). */
public final class SegregatedAllocatorFactory implements AllocatorFactory {
    /** The registry name. */
    public static final String NAME = "segregated";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "segregated size classes, 4-byte headers, realloc in place: the performance bar";
    }

    @Override
    public Allocator create(HeapBytes heap) {
        return new SegregatedAllocator(heap);
    }
}
