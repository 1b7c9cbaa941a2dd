package dev.alloclab.exercises.explicitlist;

import static org.assertj.core.api.Assertions.assertThat;

import dev.alloclab.core.memory.HeapBytes;
import org.junit.jupiter.api.Test;

/**
 * Your own tests of {@link ExplicitFreeListAllocator}. Add a test for each case you want to be
 * sure of; the grader measures how much of your class they cover. One to start from:
 */
class ExplicitFreeListAllocatorStudentTest {
    @Test
    void the_first_payload_follows_the_first_header() {
        ExplicitFreeListAllocator allocator = new ExplicitFreeListAllocator(HeapBytes.withMax(1024),
                Placement.FIRST_FIT, FreeListOrder.LIFO);
        assertThat(allocator.alloc(1)).isEqualTo(ExplicitFreeListAllocator.HEADER_BYTES);
    }
}
