package dev.alloclab.exercises.explicitlist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.alloclab.core.alloc.Allocator;
import dev.alloclab.core.alloc.sim.FreeChunk;
import dev.alloclab.core.memory.HeapBytes;
import org.junit.jupiter.api.Test;

/** An exemplary student test file for the explicit free list: the free list itself, step by step. */
class ExplicitFreeListAllocatorStudentTest {
    private static ExplicitFreeListAllocator allocator(Placement placement, FreeListOrder order) {
        return new ExplicitFreeListAllocator(HeapBytes.withMax(1 << 12), placement, order);
    }

    @Test
    void a_fresh_allocator_has_an_empty_list_and_remembers_its_settings() {
        ExplicitFreeListAllocator explicit = allocator(Placement.BEST_FIT, FreeListOrder.LIFO);
        assertThat(explicit.freeList()).isEmpty();
        assertThat(explicit.placement()).isEqualTo(Placement.BEST_FIT);
        assertThat(explicit.order()).isEqualTo(FreeListOrder.LIFO);
    }

    @Test
    void address_order_sorts_freed_blocks_whatever_order_they_are_freed_in() {
        // GIVEN three 16-byte blocks kept apart by live ones
        ExplicitFreeListAllocator explicit = allocator(Placement.FIRST_FIT, FreeListOrder.ADDRESS);
        int a = explicit.alloc(8);
        explicit.alloc(8);
        int c = explicit.alloc(8);
        explicit.alloc(8);
        int e = explicit.alloc(8);
        explicit.alloc(8);
        // WHEN they are freed middle, last, first
        explicit.dealloc(c);
        explicit.dealloc(e);
        explicit.dealloc(a);
        // THEN the list runs by address
        assertThat(explicit.freeList()).extracting(FreeChunk::address).containsExactly(a - 8, c - 8, e - 8);
    }

    @Test
    void lifo_order_lists_the_block_freed_last_first() {
        ExplicitFreeListAllocator explicit = allocator(Placement.FIRST_FIT, FreeListOrder.LIFO);
        int a = explicit.alloc(8);
        explicit.alloc(8);
        int c = explicit.alloc(8);
        explicit.alloc(8);
        explicit.dealloc(a);
        explicit.dealloc(c);
        assertThat(explicit.freeList()).containsExactly(new FreeChunk(c - 8, 16), new FreeChunk(a - 8, 16));
    }

    @Test
    void lifo_coalesces_a_freed_block_with_the_list_head_when_they_touch() {
        // GIVEN b free at the head of a LIFO list
        ExplicitFreeListAllocator explicit = allocator(Placement.FIRST_FIT, FreeListOrder.LIFO);
        int a = explicit.alloc(8);
        int b = explicit.alloc(8);
        explicit.alloc(8);
        explicit.dealloc(b);
        // WHEN a, which ends where b starts, is freed (it goes in front of b)
        explicit.dealloc(a);
        // THEN they merge into one 32-byte block
        assertThat(explicit.freeList()).containsExactly(new FreeChunk(a - 8, 32));
    }

    @Test
    void best_fit_prefers_an_exact_fit_further_down_the_list() {
        ExplicitFreeListAllocator explicit = allocator(Placement.BEST_FIT, FreeListOrder.ADDRESS);
        int big = explicit.alloc(40);
        explicit.alloc(8);
        int exact = explicit.alloc(8);
        explicit.alloc(8);
        explicit.dealloc(big);
        explicit.dealloc(exact);
        assertThat(explicit.alloc(8)).isEqualTo(exact);
        assertThat(explicit.freeList()).containsExactly(new FreeChunk(big - 8, 48));
    }

    @Test
    void next_fit_wraps_around_to_the_head_when_nothing_after_the_rover_fits() {
        // GIVEN a big free block first and a small one after it
        ExplicitFreeListAllocator explicit = allocator(Placement.NEXT_FIT, FreeListOrder.ADDRESS);
        int big = explicit.alloc(56);
        explicit.alloc(8);
        int small = explicit.alloc(8);
        explicit.alloc(8);
        explicit.dealloc(big);
        explicit.dealloc(small);
        // WHEN the small block is taken (rover moves past it, to the end of the list, so back to the head)
        assertThat(explicit.alloc(8)).isEqualTo(big);
        assertThat(explicit.alloc(8)).isEqualTo(small);
        // THEN a request only the big block's rest can serve is found by wrapping around
        assertThat(explicit.alloc(40)).isEqualTo(big + 16);
    }

    @Test
    void usable_size_is_the_block_minus_its_header() {
        ExplicitFreeListAllocator explicit = allocator(Placement.FIRST_FIT, FreeListOrder.ADDRESS);
        assertThat(explicit.usableSize(explicit.alloc(13))).isEqualTo(16);
    }

    @Test
    void null_zero_and_impossible_sizes() {
        ExplicitFreeListAllocator explicit = allocator(Placement.FIRST_FIT, FreeListOrder.ADDRESS);
        explicit.dealloc(Allocator.NULL);
        assertThat(explicit.alloc(0)).isEqualTo(Allocator.NULL);
        assertThat(explicit.alloc(1 << 20)).isEqualTo(Allocator.NULL);
        assertThatThrownBy(() -> explicit.alloc(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void a_heap_that_starts_unaligned_is_padded_to_8_first() {
        HeapBytes heap = HeapBytes.withMax(256);
        heap.sbrk(3);
        ExplicitFreeListAllocator explicit = new ExplicitFreeListAllocator(heap, Placement.FIRST_FIT, FreeListOrder.LIFO);
        assertThat(explicit.alloc(8) % 8).isZero();
    }
}
