package dev.alloclab.exercises.implicitlist;

import static org.assertj.core.api.Assertions.assertThat;

import dev.alloclab.core.memory.HeapBytes;
import org.junit.jupiter.api.Test;

/**
 * Your own tests of {@link ImplicitFreeListAllocator}. Add a test for each case you want to be
 * sure of; the grader measures how much of your class they cover. One to start from:
 */
class ImplicitFreeListAllocatorStudentTest {
    @Test
    void the_first_payload_is_at_8() {
        ImplicitFreeListAllocator allocator = new ImplicitFreeListAllocator(HeapBytes.withMax(1024));
        assertThat(allocator.alloc(1)).isEqualTo(8);
    }
}
