/**
 * The {@link dev.alloclab.core.alloc.Allocator} contract, the registry that names allocators
 * ({@link dev.alloclab.core.alloc.Allocators}), the program's view of the heap
 * ({@link dev.alloclab.core.alloc.Heap}) and the kit's reference allocators.
 */
package dev.alloclab.core.alloc;
