package dev.alloclab.exercises.buddy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.alloclab.core.alloc.Allocator;
import dev.alloclab.core.memory.HeapBytes;
import dev.alloclab.exercises.support.EdgeRequests;
import dev.alloclab.exercises.support.HeapHarness;
import dev.alloclab.exercises.support.HugeRequests;
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
        // (offsets from the arena's start: a block's buddy is its offset with the size's bit flipped, offset ^ size)
        assertThat(BuddyAllocator.buddyOf(0, 16)).as("buddyOf(0, 16): 0 ^ 16").isEqualTo(16);
        assertThat(BuddyAllocator.buddyOf(16, 16)).as("buddyOf(16, 16): 16 ^ 16, the left half of [0, 32)").isEqualTo(0);
        assertThat(BuddyAllocator.buddyOf(32, 32)).as("buddyOf(32, 32): 32 ^ 32").isEqualTo(0);
        assertThat(BuddyAllocator.buddyOf(64, 16)).as("buddyOf(64, 16): 64 ^ 16, the other half of [64, 96)")
                .isEqualTo(80);
    }

    @Test
    void a_request_gets_the_smallest_power_of_two_that_holds_it_and_the_header() {
        // (the 8-byte header plus the request, rounded up to a power of two, and never less than 16)
        assertThat(BuddyAllocator.blockSizeFor(1)).as("blockSizeFor(1): 8 + 1 = 9, so 16").isEqualTo(16);
        assertThat(BuddyAllocator.blockSizeFor(8)).as("blockSizeFor(8): 8 + 8 = 16 exactly").isEqualTo(16);
        assertThat(BuddyAllocator.blockSizeFor(9)).as("blockSizeFor(9): 8 + 9 = 17, so 32").isEqualTo(32);
        assertThat(BuddyAllocator.blockSizeFor(24)).as("blockSizeFor(24): 8 + 24 = 32 exactly").isEqualTo(32);
        assertThat(BuddyAllocator.blockSizeFor(25)).as("blockSizeFor(25): 8 + 25 = 33, so 64").isEqualTo(64);
    }

    @Test
    void a_small_request_splits_the_arena_in_halves_down_to_its_size() {
        // GIVEN a fresh 128-byte arena: one free block
        // WHEN 8 bytes (a 16-byte block) are asked for
        int index = buddy.alloc(8);
        // THEN 128 splits into 64 + 64, 64 into 32 + 32, 32 into 16 + 16; the lowest 16 is used
        assertThat(index).as("the payload index of alloc(8) in a fresh 128-byte arena: the lowest 16-byte block, at "
                + "offset 0, after its 8-byte header").isEqualTo(buddy.arenaStart() + BuddyAllocator.HEADER_BYTES);
        assertThat(buddy.freeBlocksOfSize(16)).as("free 16-byte blocks after alloc(8): the other half of the last "
                + "split, at offset 16").containsExactly(16);
        assertThat(buddy.freeBlocksOfSize(32)).as("free 32-byte blocks after alloc(8): the other half of [0, 64), at "
                + "offset 32").containsExactly(32);
        assertThat(buddy.freeBlocksOfSize(64)).as("free 64-byte blocks after alloc(8): the other half of the arena, at "
                + "offset 64").containsExactly(64);
        assertThat(buddy.freeBlocksOfSize(128)).as("free 128-byte blocks after alloc(8): none, the arena was split")
                .isEmpty();
        assertThat(buddy.usableSize(index)).as("usableSize of the 16-byte block: 16 minus the 8-byte header")
                .isEqualTo(8);
    }

    @Test
    void freeing_both_buddies_merges_them_back_into_the_whole_arena() {
        // GIVEN two 16-byte buddies in use
        int a = buddy.alloc(8);
        int b = buddy.alloc(8);
        assertThat(b).as("the second alloc(8): the free buddy of the first, 16 bytes above it").isEqualTo(a + 16);
        // WHEN both are freed
        buddy.dealloc(a);
        buddy.dealloc(b);
        // THEN they merge, and so do their parents, up to one free block of 128
        assertThat(buddy.freeBlocksOfSize(16)).as("free 16-byte blocks after both buddies were freed: none, they "
                + "merged").isEmpty();
        assertThat(buddy.freeBlocksOfSize(128)).as("free 128-byte blocks after both were freed: the whole arena, at "
                + "offset 0 (each merged block merged again with its free buddy)").containsExactly(0);
        assertThat(buddy.alloc(120)).as("alloc(120), which needs the whole 128-byte arena").isEqualTo(a);
    }

    @Test
    void a_block_does_not_merge_with_a_buddy_that_is_in_use() {
        // GIVEN a 16-byte block at 0 and a 32-byte block at 32 in use
        int a = buddy.alloc(8);
        buddy.alloc(24);
        // WHEN the 16-byte block is freed
        buddy.dealloc(a);
        // THEN it merges with its free buddy at 16 into [0, 32), whose buddy [32, 64) is in use: stop
        assertThat(buddy.freeBlocksOfSize(16)).as("free 16-byte blocks after freeing the block at 0: none, it merged "
                + "with its free buddy at 16").isEmpty();
        assertThat(buddy.freeBlocksOfSize(32)).as("free 32-byte blocks after that: [0, 32), which stops there since "
                + "its buddy [32, 64) is in use").containsExactly(0);
    }

    @Test
    void the_smallest_free_block_that_fits_is_taken_before_a_lower_bigger_one() {
        // GIVEN a 32-byte block at 0 and a 16-byte block at 32 in use, then the 32-byte one freed: free blocks are
        // [0, 32) (its buddy [32, 64) is split, so no merge), [48, 64) and [64, 128)
        int big = buddy.alloc(24);
        buddy.alloc(8);
        buddy.dealloc(big);
        // WHEN 8 bytes are asked for
        // THEN the smallest free block that fits is split no further and taken: the 16 at 48, not the 32 at 0
        assertThat(buddy.alloc(8)).as("alloc(8) with free blocks of 32 bytes at offset 0, 16 at 48 and 64 at 64: the "
                + "smallest that fits, the 16 at 48 (payload at arenaStart() + 48 + 8), even though 0 is lower")
                .isEqualTo(buddy.arenaStart() + 48 + BuddyAllocator.HEADER_BYTES);
    }

    @Test
    void among_free_blocks_of_one_size_the_lowest_offset_is_taken_whatever_the_order_they_were_freed_in() {
        // GIVEN the arena full of 16-byte blocks (offsets 0, 16, ..., 112)
        int[] block = new int[8];
        for (int i = 0; i < 8; i++) {
            block[i] = buddy.alloc(8);
        }
        // WHEN the block at 16 and then the one at 80 are freed (neither's buddy is free, so neither merges)
        buddy.dealloc(block[1]);
        buddy.dealloc(block[5]);
        // THEN alloc(8) takes the lowest, 16, though 80 was freed last (a stack of freed blocks would give 80)
        assertThat(buddy.alloc(8)).as("alloc(8) after freeing the 16-byte blocks at offsets 16 and then 80: the lowest "
                + "offset, 16").isEqualTo(block[1]);
        // AND after freeing the one at 48, with 80 still free, it takes 48 (a queue of freed blocks would give 80)
        buddy.dealloc(block[3]);
        assertThat(buddy.alloc(8)).as("alloc(8) with the 16-byte blocks at 80 (freed first) and 48 (freed last) free: "
                + "the lowest offset, 48").isEqualTo(block[3]);
    }

    @Test
    void alloc_zero_dealloc_null_and_a_request_near_integer_max_value_change_nothing() {
        EdgeRequests.check(buddy, "a fresh buddy allocator with a 128-byte arena", HugeRequests.ADVICE);
    }

    @Test
    void an_arena_that_starts_past_index_0_counts_its_offsets_from_arena_start() {
        // GIVEN a heap that already holds 24 bytes when the 64-byte arena is taken from it
        HeapBytes used = HeapBytes.withMax(4096);
        used.sbrk(24);
        BuddyAllocator later = new BuddyAllocator(used, 64);
        int start = later.arenaStart();
        assertThat(start).as("arenaStart() of an arena taken from a heap that already held 24 bytes: past them")
                .isGreaterThanOrEqualTo(24);
        // WHEN two 16-byte blocks are allocated and freed
        int p = later.alloc(8);
        int q = later.alloc(8);
        assertThat(p).as("alloc(8) in that arena: offset 0 plus the 8-byte header, counted from arenaStart() %d, not "
                + "from heap index 0", start).isEqualTo(start + BuddyAllocator.HEADER_BYTES);
        assertThat(later.usableSize(p)).as("usableSize(%d): 16 minus the header, read at index - 8", p).isEqualTo(8);
        later.dealloc(q);
        later.dealloc(p);
        // THEN they merge back into the whole arena: buddies are found by offset (index - 8 - arenaStart()) ^ size
        assertThat(later.freeBlocksOfSize(64)).as("free 64-byte blocks once both are freed: the whole arena at offset "
                + "0 (offsets, not heap indexes, decide who is whose buddy)").containsExactly(0);
    }

    @Test
    void an_arena_after_an_odd_number_of_bytes_still_hands_out_8_aligned_payloads_with_their_headers() {
        // GIVEN a heap that already holds 5 bytes when the arena is taken (the given constructor pads them to 8)
        HeapBytes heap = HeapBytes.withMax(4096);
        heap.sbrk(5);
        BuddyAllocator odd = new BuddyAllocator(heap, 64);
        // WHEN 8 bytes are asked for
        int p = odd.alloc(8);
        // THEN the payload is 8-aligned, and the 8-byte header before it holds the block size with the allocated bit
        assertThat(p % 8).as("payload index %d of alloc(8) in an arena taken after 5 bytes: a multiple of 8 (keep the "
                + "constructor's padding)", p).isZero();
        assertThat(heap.readInt(p - BuddyAllocator.HEADER_BYTES)).as("the header of the 16-byte block at payload %d, "
                + "read at %d: blockSize | 1, so 16 | 1 = 17 while it is allocated", p, p - BuddyAllocator.HEADER_BYTES)
                .isEqualTo(16 | 1);
    }

    @Test
    void no_free_block_big_enough_is_null() {
        assertThat(buddy.alloc(121)).as("alloc(121) in a 128-byte arena: with its header it needs 256 bytes, so NULL "
                + "(-1)").isEqualTo(Allocator.NULL);
        assertThat(buddy.alloc(120)).as("alloc(120): 8 + 120 = 128, the whole arena").isNotEqualTo(Allocator.NULL);
        assertThat(buddy.alloc(1)).as("alloc(1) with the whole arena in use: NULL (-1)").isEqualTo(Allocator.NULL);
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
                + "every block is freed: each free block merged with its free buddy until one block, at 0, is left.\n%s",
                harness.operations()).containsExactly(0);
    }
}
