package dev.alloclab.core.alloc;

import dev.alloclab.core.memory.HeapBytes;

/**
 * Names an allocator so that the command line, the benchmarks and the grader can find it.
 *
 * <p>Factories are found with {@link java.util.ServiceLoader}: list the implementing class in
 * {@code META-INF/services/dev.alloclab.core.alloc.AllocatorFactory}. Names are lower-case words
 * joined by dashes ({@code first-fit}, {@code segregated}) and unique across the classpath.
 */
public interface AllocatorFactory {
    /** The registry name, e.g. {@code first-fit}. */
    String name();

    /** One line for {@code alloclab list}. */
    String description();

    /** A fresh allocator over an empty {@code heap}. */
    Allocator create(HeapBytes heap);
}
