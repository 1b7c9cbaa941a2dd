package dev.alloclab.exercises.explicitlist;

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

/** Visible tests of the explicit free list. Instructions: docs/exercises/explicit-list.md. */
class ExplicitFreeListAllocatorTest {
    private static ExplicitFreeListAllocator allocator(Placement placement, FreeListOrder order) {
        return new ExplicitFreeListAllocator(HeapBytes.withMax(1 << 18), placement, order);
    }

    @Test
    void a_block_is_the_size_rounded_up_to_8_plus_an_8_byte_header() {
        assertThat(ExplicitFreeListAllocator.blockSizeFor(1)).as("blockSizeFor(1): 1 rounded up to 8, plus the 8-byte "
                + "header").isEqualTo(16);
        assertThat(ExplicitFreeListAllocator.blockSizeFor(8)).as("blockSizeFor(8): 8 plus the 8-byte header")
                .isEqualTo(16);
        assertThat(ExplicitFreeListAllocator.blockSizeFor(20)).as("blockSizeFor(20): 20 rounded up to 24, plus the "
                + "8-byte header").isEqualTo(32);
    }

    @Test
    void lifo_reuses_the_block_freed_last_and_address_order_the_lowest() {
        for (FreeListOrder order : FreeListOrder.values()) {
            // GIVEN two free 32-byte blocks, kept apart by live ones; the higher one freed last
            ExplicitFreeListAllocator explicit = allocator(Placement.FIRST_FIT, order);
            int low = explicit.alloc(24);
            explicit.alloc(8);
            int high = explicit.alloc(24);
            explicit.alloc(8);
            explicit.dealloc(low);
            explicit.dealloc(high);
            // WHEN 24 bytes are asked for with first fit
            // THEN LIFO finds the block freed last first; address order finds the lowest
            assertThat(explicit.alloc(24)).as("first fit's alloc(24) in %s order after freeing %d, then %d: %s", order,
                low, high, order == FreeListOrder.LIFO ? "LIFO puts the block freed last at the head, so it is found "
                        + "first" : "address order keeps the list sorted, so the lowest is found first")
                .isEqualTo(order == FreeListOrder.LIFO ? high : low);
        }
    }

    @Test
    void best_fit_takes_the_smallest_block_that_fits() {
        // GIVEN free blocks of 64, then 32 bytes (address order), each followed by a live one
        ExplicitFreeListAllocator explicit = allocator(Placement.BEST_FIT, FreeListOrder.ADDRESS);
        int big = explicit.alloc(56);
        explicit.alloc(8);
        int small = explicit.alloc(24);
        explicit.alloc(8);
        explicit.dealloc(big);
        explicit.dealloc(small);
        // WHEN 16 bytes (a 24-byte block) are asked for
        // THEN the 32-byte block is used, not the first one in the list
        assertThat(explicit.alloc(16)).as("best fit's alloc(16) (a 24-byte block) with free blocks of 64 at %d and 32 "
                + "at %d: the smallest that fits, not the first in the list", big, small).isEqualTo(small);
    }

    @Test
    void next_fit_goes_on_from_where_the_last_search_stopped() {
        // GIVEN three free 32-byte blocks a, b, c in address order
        ExplicitFreeListAllocator explicit = allocator(Placement.NEXT_FIT, FreeListOrder.ADDRESS);
        int a = explicit.alloc(24);
        explicit.alloc(8);
        int b = explicit.alloc(24);
        explicit.alloc(8);
        int c = explicit.alloc(24);
        explicit.alloc(8);
        explicit.dealloc(a);
        explicit.dealloc(b);
        explicit.dealloc(c);
        // WHEN three blocks of that size are asked for
        // THEN after a the search starts at b, then c: first fit would have said a, b, c too,
        // but after freeing a again next fit does not go back to it first
        assertThat(explicit.alloc(24)).as("next fit's first alloc(24) with a, b, c (%d, %d, %d) free: the search "
                + "starts at the head", a, b, c).isEqualTo(a);
        explicit.dealloc(a);
        assertThat(explicit.alloc(24)).as("next fit's alloc(24) after a was freed again: the search goes on after "
                + "where the last one stopped (a), so b (%d), not a", b).isEqualTo(b);
        assertThat(explicit.alloc(24)).as("the next alloc(24): on from b, so c (%d)", c).isEqualTo(c);
        assertThat(explicit.alloc(24)).as("the next alloc(24): nothing free after c, so the search wraps round to "
                + "the head and finds a (%d)", a).isEqualTo(a);
    }

    @Test
    void freeing_between_two_free_neighbours_merges_all_three_in_address_order() {
        ExplicitFreeListAllocator explicit = allocator(Placement.FIRST_FIT, FreeListOrder.ADDRESS);
        int a = explicit.alloc(8);
        int b = explicit.alloc(8);
        int c = explicit.alloc(8);
        explicit.alloc(8);
        explicit.dealloc(a);
        explicit.dealloc(c);
        explicit.dealloc(b);
        // three 16-byte blocks make one of 48: a 40-byte request fits where a was
        assertThat(explicit.alloc(40)).as("alloc(40) (a 48-byte block) after freeing a, c, then b between them: the "
                + "three 16-byte blocks must have merged into one at %d", a).isEqualTo(a);
    }

    @Test
    void alloc_zero_dealloc_null_and_a_request_near_integer_max_value_change_nothing_in_every_policy() {
        for (Placement placement : Placement.values()) {
            for (FreeListOrder order : FreeListOrder.values()) {
                EdgeRequests.check(allocator(placement, order), "a fresh explicit list (" + placement + ", " + order
                        + ")", HugeRequests.ADVICE);
            }
        }
    }

    @Test
    void out_of_memory_is_null() {
        ExplicitFreeListAllocator small = new ExplicitFreeListAllocator(HeapBytes.withMax(64), Placement.FIRST_FIT,
                FreeListOrder.ADDRESS);
        assertThat(small.alloc(100)).as("alloc(100) on a heap of at most 64 bytes: its 112-byte block cannot fit, "
                + "so NULL (-1)").isEqualTo(Allocator.NULL);
        assertThat(small.alloc(0)).as("alloc(0): no block, NULL (-1)").isEqualTo(Allocator.NULL);
        assertThat(small.alloc(40)).as("alloc(40) on that heap after the two NULL answers: the first block, whose "
                + "payload starts after its 8-byte header").isEqualTo(ExplicitFreeListAllocator.HEADER_BYTES);
    }

    @Property(tries = 100)
    void every_placement_and_order_keeps_payloads_aligned_inside_disjoint_and_intact(
            @ForAll Placement placement, @ForAll FreeListOrder order,
            @ForAll @Size(max = 60) List<@IntRange(min = -30, max = 300) Integer> ops) {
        HeapHarness.run(allocator(placement, order), ops);
    }
}
