/**
 * The machine the kit models: {@link dev.alloclab.core.memory.StackMemory} (bytes and a
 * {@code stack_length}) and {@link dev.alloclab.core.memory.HeapBytes} (the {@code heap_bytes}
 * array, grown like {@code sbrk}). Everything else in the kit stores its data here.
 */
package dev.alloclab.core.memory;
