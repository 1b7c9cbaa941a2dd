package dev.alloclab.core.examples;

/**
 * One alloc or dealloc call of the worked example, with the bytes held after it (counted by index, as
 * the allocator sees them).
 *
 * @param step       1-based count of heap operations so far
 * @param operation  {@code alloc(20)} or {@code dealloc(64)}, as the program called it
 * @param function   the function of the example that made the call
 * @param index      the index returned (alloc) or passed (dealloc)
 * @param liveBytes  payload bytes held at the indexes not yet given back, after the operation
 */
public record HeapCall(int step, String operation, String function, int index, int liveBytes) {
}
