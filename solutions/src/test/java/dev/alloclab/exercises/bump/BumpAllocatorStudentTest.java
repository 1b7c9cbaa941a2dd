package dev.alloclab.exercises.bump;

import static org.assertj.core.api.Assertions.assertThat;

import dev.alloclab.core.alloc.Allocator;
import dev.alloclab.core.alloc.HeapRegion;
import dev.alloclab.core.memory.HeapBytes;
import java.util.List;
import org.junit.jupiter.api.Test;

/** An exemplary student test file for the bump allocator. */
class BumpAllocatorStudentTest {
    private final HeapBytes heap = HeapBytes.withMax(256);
    private final BumpAllocator bump = new BumpAllocator(heap);

    @Test
    void sizes_that_are_already_aligned_waste_nothing_but_the_header() {
        int index = bump.alloc(24);
        assertThat(bump.usableSize(index)).isEqualTo(24);
        assertThat(bump.bytesInUse()).isEqualTo(24 + BumpAllocator.HEADER_BYTES);
    }

    @Test
    void after_a_reset_the_heap_is_reused_without_growing() {
        // GIVEN a heap grown to 64 bytes by two blocks, then reset
        bump.alloc(24);
        bump.alloc(24);
        bump.reset();
        // WHEN the same two blocks are asked for again
        bump.alloc(24);
        bump.alloc(24);
        // THEN the heap did not grow past what it had
        assertThat(heap.size()).isEqualTo(64);
    }

    @Test
    void the_last_byte_of_the_heap_can_be_handed_out_but_not_one_more() {
        // GIVEN a 256-byte heap, WHEN one block takes all of it
        int index = bump.alloc(256 - BumpAllocator.HEADER_BYTES);
        // THEN it fits exactly, and nothing more does
        assertThat(index).isEqualTo(BumpAllocator.HEADER_BYTES);
        assertThat(bump.alloc(1)).isEqualTo(Allocator.NULL);
    }

    @Test
    void dealloc_of_null_is_allowed_and_changes_nothing() {
        bump.alloc(8);
        bump.dealloc(Allocator.NULL);
        assertThat(bump.bytesInUse()).isEqualTo(16);
    }

    @Test
    void the_picture_shows_each_header_and_block_and_the_free_rest_after_a_reset() {
        // GIVEN a block of 5 bytes (16 with header and padding)
        bump.alloc(5);
        List<HeapRegion> regions = bump.regions();
        assertThat(regions).extracting(HeapRegion::kind).containsExactly(HeapRegion.Kind.HEADER, HeapRegion.Kind.LIVE);
        assertThat(regions.get(1).to()).isEqualTo(16);
        // WHEN the arena is reset
        bump.reset();
        // THEN the whole grown heap is free again
        assertThat(bump.regions()).extracting(HeapRegion::kind).containsExactly(HeapRegion.Kind.FREE);
    }
}
