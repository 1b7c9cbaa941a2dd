package dev.alloclab.cli.bench;

import dev.alloclab.core.Checks;
import dev.alloclab.core.alloc.Allocator;
import dev.alloclab.core.alloc.Allocators;
import dev.alloclab.core.memory.HeapBytes;
import java.util.function.Function;

/**
 * One allocator a bench measures: the name its table is headed with and how to make a fresh one over an empty heap.
 * {@code alloclab bench} measures the kit's registered allocators ({@link #registered}); {@code alloclab measure}
 * measures a learner's own exercise class, loaded from their project, under the same table.
 *
 * <p>Internal to the grader.
 *
 * @param name    the table's heading, e.g. {@code segregated} or {@code your segregated-fits}
 * @param factory a fresh allocator over the heap it is given, once per replay
 */
public record BenchedAllocator(String name, Function<HeapBytes, Allocator> factory) {
    public BenchedAllocator {
        Checks.notBlank(name, "name");
        Checks.notNull(factory, "factory");
    }

    /** The kit's allocator registered as {@code name}; an unknown name fails now, listing the names there are. */
    public static BenchedAllocator registered(String name) {
        Allocators.named(name);
        return new BenchedAllocator(name, heap -> Allocators.create(name, heap));
    }

    /** A fresh allocator over {@code heap}. */
    public Allocator create(HeapBytes heap) {
        return factory.apply(heap);
    }
}
