package dev.alloclab.exercises.bump;

import static org.assertj.core.api.Assertions.assertThat;

import dev.alloclab.core.memory.HeapBytes;
import org.junit.jupiter.api.Test;

/**
 * Your own tests of {@link BumpAllocator}. Add a test for each case you want to be sure of; the
 * grader measures how much of your class they cover. One to start from:
 */
class BumpAllocatorStudentTest {
    @Test
    void first_block_starts_right_after_its_header() {
        BumpAllocator bump = new BumpAllocator(HeapBytes.withMax(1024));
        assertThat(bump.alloc(1)).isEqualTo(BumpAllocator.HEADER_BYTES);
    }
}
