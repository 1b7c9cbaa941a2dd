package dev.alloclab.exercises.buddy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.alloclab.core.alloc.Allocator;
import dev.alloclab.core.alloc.HeapRegion;
import dev.alloclab.core.memory.HeapBytes;
import org.junit.jupiter.api.Test;

/** An exemplary student test file for the buddy allocator. */
class BuddyAllocatorStudentTest {
    @Test
    void the_arena_must_be_a_power_of_two_of_at_least_16_bytes_that_the_heap_can_hold() {
        assertThatThrownBy(() -> new BuddyAllocator(HeapBytes.withMax(1024), 96)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("power of two");
        assertThatThrownBy(() -> new BuddyAllocator(HeapBytes.withMax(1024), 8)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new BuddyAllocator(HeapBytes.withMax(100), 128)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cannot hold");
    }

    @Test
    void an_arena_after_other_bytes_starts_at_the_next_multiple_of_8() {
        HeapBytes heap = HeapBytes.withMax(1024);
        heap.sbrk(5);
        BuddyAllocator buddy = new BuddyAllocator(heap, 64);
        assertThat(buddy.arenaStart()).isEqualTo(8);
        assertThat(buddy.arenaBytes()).isEqualTo(64);
        assertThat(buddy.alloc(1)).isEqualTo(8 + BuddyAllocator.HEADER_BYTES);
    }

    @Test
    void block_sizes_are_powers_of_two_and_absurd_requests_are_refused() {
        assertThat(BuddyAllocator.blockSizeFor(0)).isEqualTo(16);
        assertThat(BuddyAllocator.blockSizeFor(56)).isEqualTo(64);
        assertThat(BuddyAllocator.blockSizeFor(57)).isEqualTo(128);
        assertThatThrownBy(() -> BuddyAllocator.blockSizeFor(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> BuddyAllocator.blockSizeFor(1 << 30)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void freeing_in_reverse_order_merges_step_by_step_up_to_the_arena() {
        BuddyAllocator buddy = new BuddyAllocator(HeapBytes.withMax(1024), 64);
        int a = buddy.alloc(8);
        int b = buddy.alloc(8);
        int c = buddy.alloc(24);
        assertThat(buddy.alloc(1)).as("the arena is full").isEqualTo(Allocator.NULL);
        buddy.dealloc(c);
        assertThat(buddy.freeBlocksOfSize(32)).containsExactly(32);
        buddy.dealloc(b);
        assertThat(buddy.freeBlocksOfSize(16)).containsExactly(16);
        buddy.dealloc(a);
        assertThat(buddy.freeBlocksOfSize(64)).containsExactly(0);
        buddy.dealloc(Allocator.NULL);
        assertThat(buddy.freeBlocksOfSize(64)).containsExactly(0);
    }

    @Test
    void the_picture_shows_each_block_with_its_header() {
        BuddyAllocator buddy = new BuddyAllocator(HeapBytes.withMax(1024), 64);
        int a = buddy.alloc(8);
        assertThat(buddy.usableSize(a)).isEqualTo(8);
        assertThat(buddy.regions()).extracting(HeapRegion::kind).containsExactly(
                HeapRegion.Kind.HEADER, HeapRegion.Kind.LIVE,
                HeapRegion.Kind.HEADER, HeapRegion.Kind.FREE,
                HeapRegion.Kind.HEADER, HeapRegion.Kind.FREE);
        assertThat(buddy.alloc(0)).isEqualTo(Allocator.NULL);
        assertThat(buddy.alloc(64)).isEqualTo(Allocator.NULL);
    }
}
