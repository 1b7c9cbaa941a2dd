package dev.alloclab.exercises.segregated;

import static org.assertj.core.api.Assertions.assertThat;

import dev.alloclab.core.memory.HeapBytes;
import org.junit.jupiter.api.Test;

/**
 * Your own tests of {@link SegregatedFitsAllocator}. Add a test for each case you want to be
 * sure of; the grader measures how much of your class they cover. One to start from:
 */
class SegregatedFitsAllocatorStudentTest {
    @Test
    void payloads_are_8_byte_aligned() {
        SegregatedFitsAllocator allocator = new SegregatedFitsAllocator(HeapBytes.withMax(4096));
        assertThat(allocator.alloc(3) % 8).isZero();
    }
}
