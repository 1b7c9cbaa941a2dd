package dev.alloclab.exercises.explicitlist;

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

/** Visible tests of the explicit free list. Instructions: docs/exercises/explicit-list.md. */
class ExplicitFreeListAllocatorTest {
    private static ExplicitFreeListAllocator allocator(Placement placement, FreeListOrder order) {
        return new ExplicitFreeListAllocator(HeapBytes.withMax(1 << 18), placement, order);
    }

    @Test
    void a_block_is_the_size_rounded_up_to_8_plus_an_8_byte_header() {
        assertThat(ExplicitFreeListAllocator.blockSizeFor(1)).isEqualTo(16);
        assertThat(ExplicitFreeListAllocator.blockSizeFor(8)).isEqualTo(16);
        assertThat(ExplicitFreeListAllocator.blockSizeFor(20)).isEqualTo(32);
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
            assertThat(explicit.alloc(24)).as("order %s", order).isEqualTo(order == FreeListOrder.LIFO ? high : low);
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
        assertThat(explicit.alloc(16)).isEqualTo(small);
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
        assertThat(explicit.alloc(24)).isEqualTo(a);
        explicit.dealloc(a);
        assertThat(explicit.alloc(24)).isEqualTo(b);
        assertThat(explicit.alloc(24)).isEqualTo(c);
        assertThat(explicit.alloc(24)).isEqualTo(a);
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
        assertThat(explicit.alloc(40)).isEqualTo(a);
    }

    @Test
    void out_of_memory_is_null() {
        ExplicitFreeListAllocator small = new ExplicitFreeListAllocator(HeapBytes.withMax(64), Placement.FIRST_FIT,
                FreeListOrder.ADDRESS);
        assertThat(small.alloc(100)).isEqualTo(Allocator.NULL);
        assertThat(small.alloc(0)).isEqualTo(Allocator.NULL);
        assertThat(small.alloc(40)).isEqualTo(ExplicitFreeListAllocator.HEADER_BYTES);
    }

    @Property(tries = 100)
    void every_placement_and_order_keeps_payloads_aligned_inside_disjoint_and_intact(
            @ForAll Placement placement, @ForAll FreeListOrder order,
            @ForAll @Size(max = 60) List<@IntRange(min = -30, max = 300) Integer> ops) {
        HeapHarness.run(allocator(placement, order), ops);
    }
}
