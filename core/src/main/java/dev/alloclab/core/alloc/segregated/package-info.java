/**
 * The kit's performance allocator: segregated free lists with exact classes for small blocks,
 * 4-byte headers, runs of small blocks, immediate coalescing and realloc in place. It is the bar
 * the segregated-fits exercise and {@code alloclab bench} measure against; its class comment
 * explains the layout and the algorithm.
 */
package dev.alloclab.core.alloc.segregated;
