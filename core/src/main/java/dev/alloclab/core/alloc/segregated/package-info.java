/**
 * The kit's performance allocator: segregated free lists with exact classes for small blocks,
 * 4-byte headers, runs of small blocks, immediate coalescing and realloc in place. It is the kit's
 * performance reference, measured by {@code alloclab bench}; the segregated-fits exercise is graded
 * against the rubric's fixed constants, not against it. Its class comment explains the layout and the
 * algorithm, and why its 64 KiB run cache is more Java state than the exercise allows a student.
 */
package dev.alloclab.core.alloc.segregated;
