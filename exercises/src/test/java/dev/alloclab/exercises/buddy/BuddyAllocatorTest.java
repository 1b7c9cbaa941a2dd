package dev.alloclab.exercises.buddy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.alloclab.core.alloc.Allocator;
import dev.alloclab.core.memory.HeapBytes;
import dev.alloclab.exercises.support.HeapHarness;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/** Visible tests of the buddy allocator. Instructions: docs/exercises/buddy.md. */
class BuddyAllocatorTest {
    private final BuddyAllocator buddy = new BuddyAllocator(HeapBytes.withMax(1 << 16), 128);

    @Test
    void the_buddy_of_a_block_differs_in_exactly_the_bit_of_its_size() {
        assertThat(BuddyAllocator.buddyOf(0, 16)).isEqualTo(16);
        assertThat(BuddyAllocator.buddyOf(16, 16)).isEqualTo(0);
        assertThat(BuddyAllocator.buddyOf(32, 32)).isEqualTo(0);
        assertThat(BuddyAllocator.buddyOf(64, 16)).isEqualTo(80);
    }

    @Test
    void a_request_gets_the_smallest_power_of_two_that_holds_it_and_the_header() {
        assertThat(BuddyAllocator.blockSizeFor(1)).isEqualTo(16);
        assertThat(BuddyAllocator.blockSizeFor(8)).isEqualTo(16);
        assertThat(BuddyAllocator.blockSizeFor(9)).isEqualTo(32);
        assertThat(BuddyAllocator.blockSizeFor(24)).isEqualTo(32);
        assertThat(BuddyAllocator.blockSizeFor(25)).isEqualTo(64);
    }

    @Test
    void a_small_request_splits_the_arena_in_halves_down_to_its_size() {
        // GIVEN a fresh 128-byte arena: one free block
        // WHEN 8 bytes (a 16-byte block) are asked for
        int index = buddy.alloc(8);
        // THEN 128 splits into 64 + 64, 64 into 32 + 32, 32 into 16 + 16; the lowest 16 is used
        assertThat(index).isEqualTo(buddy.arenaStart() + BuddyAllocator.HEADER_BYTES);
        assertThat(buddy.freeBlocksOfSize(16)).containsExactly(16);
        assertThat(buddy.freeBlocksOfSize(32)).containsExactly(32);
        assertThat(buddy.freeBlocksOfSize(64)).containsExactly(64);
        assertThat(buddy.freeBlocksOfSize(128)).isEmpty();
        assertThat(buddy.usableSize(index)).isEqualTo(8);
    }

    @Test
    void freeing_both_buddies_merges_them_back_into_the_whole_arena() {
        // GIVEN two 16-byte buddies in use
        int a = buddy.alloc(8);
        int b = buddy.alloc(8);
        assertThat(b).isEqualTo(a + 16);
        // WHEN both are freed
        buddy.dealloc(a);
        buddy.dealloc(b);
        // THEN they merge, and so do their parents, up to one free block of 128
        assertThat(buddy.freeBlocksOfSize(16)).isEmpty();
        assertThat(buddy.freeBlocksOfSize(128)).containsExactly(0);
        assertThat(buddy.alloc(120)).isEqualTo(a);
    }

    @Test
    void a_block_does_not_merge_with_a_buddy_that_is_in_use() {
        // GIVEN a 16-byte block at 0 and a 32-byte block at 32 in use
        int a = buddy.alloc(8);
        buddy.alloc(24);
        // WHEN the 16-byte block is freed
        buddy.dealloc(a);
        // THEN it merges with its free buddy at 16 into [0, 32), whose buddy [32, 64) is in use: stop
        assertThat(buddy.freeBlocksOfSize(16)).isEmpty();
        assertThat(buddy.freeBlocksOfSize(32)).containsExactly(0);
    }

    @Test
    void no_free_block_big_enough_is_null() {
        assertThat(buddy.alloc(121)).isEqualTo(Allocator.NULL);
        assertThat(buddy.alloc(120)).isNotEqualTo(Allocator.NULL);
        assertThat(buddy.alloc(1)).isEqualTo(Allocator.NULL);
    }

    @Property(tries = 300)
    void payloads_are_aligned_inside_the_heap_disjoint_and_keep_their_bytes(
            @ForAll @Size(max = 60) List<@IntRange(min = -30, max = 500) Integer> ops) {
        HeapHarness.run(new BuddyAllocator(HeapBytes.withMax(1 << 16), 1 << 14), ops);
    }

    @Property(tries = 200)
    void freeing_everything_always_merges_back_into_the_whole_arena(
            @ForAll @Size(max = 40) List<@IntRange(min = 1, max = 200) Integer> sizes) {
        BuddyAllocator allocator = new BuddyAllocator(HeapBytes.withMax(1 << 16), 1 << 14);
        HeapHarness harness = HeapHarness.run(allocator, sizes);
        while (!harness.live().isEmpty()) {
            harness.freeNth(harness.live().size() / 2);
        }
        assertThat(allocator.freeBlocksOfSize(1 << 14)).as("the free blocks of 16384 bytes (the whole arena) once "
                + "every block is freed: each free block merged with its free buddy until one block, at 0, is left%s",
                harness.operations()).containsExactly(0);
    }
}
