package dev.alloclab.core.alloc.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * OSTEP's rules on hand-worked cases. Every expected value below was worked out on paper from the
 * rules in {@link FreeListSimulator}'s class comment (heap [1000, 1100) unless said otherwise).
 */
class FreeListSimulatorTest {

    private static FreeListSimulator simulator(FitPolicy policy, ListOrder order, boolean coalescing) {
        return FreeListSimulator.of(FreeListConfig.builder().policy(policy).order(order).coalescing(coalescing).build());
    }

    private static FreeChunk chunk(int address, int size) {
        return new FreeChunk(address, size);
    }

    @Test
    void a_fresh_heap_is_one_free_chunk_and_the_first_allocation_takes_its_low_end() {
        // GIVEN OSTEP's default heap of 100 bytes at 1000
        FreeListSimulator sim = FreeListSimulator.of(FreeListConfig.builder().build());
        assertThat(sim.freeList()).containsExactly(chunk(1000, 100));
        // WHEN 3 bytes are allocated
        int address = sim.allocate(3);
        // THEN the chunk starts at the base and the remainder stays in the list
        assertThat(address).isEqualTo(1000);
        assertThat(sim.freeList()).containsExactly(chunk(1003, 97));
        assertThat(sim.allocatedChunks()).containsExactly(new AllocatedChunk(1000, 3, 3));
        assertThat(sim.lastSearchCount()).isEqualTo(1);
    }

    @Test
    void the_request_is_aligned_before_the_header_is_added() {
        // GIVEN a header of 4 bytes and alignment 8
        FreeListSimulator sim = FreeListSimulator.of(FreeListConfig.builder().headerSize(4).alignment(8).build());
        // WHEN 5, 8 and 9 bytes are requested
        // THEN the chunks are 8+4, 8+4 and 16+4 bytes, each starting where the previous ended
        assertThat(sim.allocate(5)).isEqualTo(1000);
        assertThat(sim.allocate(8)).isEqualTo(1012);
        assertThat(sim.allocate(9)).isEqualTo(1024);
        assertThat(sim.freeList()).containsExactly(chunk(1044, 56));
        assertThat(sim.allocatedAt(1024)).contains(new AllocatedChunk(1024, 20, 9));
        assertThat(sim.chunkSizeFor(0)).isEqualTo(4);
    }

    @Test
    void an_alignment_that_is_not_a_power_of_two_rounds_up_to_its_multiple() {
        // GIVEN alignment 3 and no header (OSTEP allows any positive alignment)
        FreeListSimulator sim = FreeListSimulator.of(FreeListConfig.builder().alignment(3).build());
        // WHEN 4 bytes are requested THEN the chunk is 6 bytes
        assertThat(sim.allocate(4)).isEqualTo(1000);
        assertThat(sim.freeList()).containsExactly(chunk(1006, 94));
    }

    @Test
    void a_request_that_fits_nowhere_returns_minus_one_and_changes_nothing() {
        // GIVEN a 100-byte heap with 10 bytes taken
        FreeListSimulator sim = simulator(FitPolicy.FIRST, ListOrder.ADDRESS, false);
        sim.allocate(10);
        // WHEN 91 bytes are requested
        int address = sim.allocate(91);
        // THEN it fails after looking at the only entry, and the list is as it was
        assertThat(address).isEqualTo(FreeListSimulator.FAILED);
        assertThat(sim.lastSearchCount()).isEqualTo(1);
        assertThat(sim.lastAllocation()).get().extracting(Allocation::succeeded, Allocation::split)
                .containsExactly(false, false);
        assertThat(sim.freeList()).containsExactly(chunk(1010, 90));
    }

    /** Free list [1000,10] [1010,20] [1030,30] [1060,40] in address order; 25 bytes requested. */
    static Stream<Arguments> policiesOnFourHoles() {
        return Stream.of(
                Arguments.of(FitPolicy.FIRST, 1030, 3, List.of(chunk(1000, 10), chunk(1010, 20), chunk(1055, 5), chunk(1060, 40))),
                Arguments.of(FitPolicy.BEST, 1030, 4, List.of(chunk(1000, 10), chunk(1010, 20), chunk(1055, 5), chunk(1060, 40))),
                Arguments.of(FitPolicy.WORST, 1060, 4, List.of(chunk(1000, 10), chunk(1010, 20), chunk(1030, 30), chunk(1085, 15))));
    }

    @ParameterizedTest(name = "{0} fit returns {1} after searching {2} entries")
    @MethodSource("policiesOnFourHoles")
    void each_policy_picks_its_entry_and_counts_what_it_searched(FitPolicy policy, int expected, int searched,
            List<FreeChunk> listAfter) {
        // GIVEN holes of 10, 20, 30 and 40 bytes in address order
        FreeListSimulator sim = simulator(policy, ListOrder.ADDRESS, false);
        for (int size : new int[] {10, 20, 30}) {
            sim.allocate(size);
        }
        for (int address : new int[] {1000, 1010, 1030}) {
            sim.free(address);
        }
        assertThat(sim.freeList()).containsExactly(chunk(1000, 10), chunk(1010, 20), chunk(1030, 30), chunk(1060, 40));
        // WHEN 25 bytes are requested
        int address = sim.allocate(25);
        // THEN the policy's entry is split, its remainder staying at the same list position
        assertThat(address).isEqualTo(expected);
        assertThat(sim.lastSearchCount()).isEqualTo(searched);
        assertThat(sim.freeList()).containsExactlyElementsOf(listAfter);
    }

    @Test
    void best_fit_breaks_a_tie_by_list_position_not_by_address() {
        // GIVEN two 10-byte holes, the one at 1020 freed last and so first in a LIFO list
        FreeListSimulator sim = simulator(FitPolicy.BEST, ListOrder.INSERT_FRONT, false);
        for (int i = 0; i < 4; i++) {
            sim.allocate(10);
        }
        sim.free(1000);
        sim.free(1020);
        assertThat(sim.freeList()).containsExactly(chunk(1020, 10), chunk(1000, 10), chunk(1040, 60));
        // WHEN 10 bytes are requested
        int address = sim.allocate(10);
        // THEN the earlier list entry wins the tie, is used up exactly and leaves the list
        assertThat(address).isEqualTo(1020);
        assertThat(sim.lastSearchCount()).isEqualTo(3);
        assertThat(sim.lastAllocation()).get().extracting(Allocation::position, Allocation::split)
                .containsExactly(0, false);
        assertThat(sim.freeList()).containsExactly(chunk(1000, 10), chunk(1040, 60));
    }

    @Test
    void worst_fit_breaks_a_tie_by_list_position_and_the_remainder_keeps_that_position() {
        // GIVEN a FIFO list [1080,20] [1030,30] [1000,30]
        FreeListSimulator sim = simulator(FitPolicy.WORST, ListOrder.INSERT_BACK, false);
        assertThat(sim.allocate(30)).isEqualTo(1000);
        assertThat(sim.allocate(30)).isEqualTo(1030);
        assertThat(sim.allocate(20)).isEqualTo(1060);
        sim.free(1030);
        sim.free(1000);
        assertThat(sim.freeList()).containsExactly(chunk(1080, 20), chunk(1030, 30), chunk(1000, 30));
        // WHEN 5 bytes are requested
        int address = sim.allocate(5);
        // THEN the first of the two largest entries in list order is split in place
        assertThat(address).isEqualTo(1030);
        assertThat(sim.lastSearchCount()).isEqualTo(3);
        assertThat(sim.freeList()).containsExactly(chunk(1080, 20), chunk(1035, 25), chunk(1000, 30));
    }

    @Test
    void a_split_leaves_the_remainder_in_place_even_when_that_breaks_size_order() {
        // GIVEN a size-ascending list [1000,10] [1010,20] [1040,60]
        FreeListSimulator sim = simulator(FitPolicy.FIRST, ListOrder.SIZE_ASCENDING, false);
        sim.allocate(10);
        sim.allocate(20);
        sim.allocate(10);
        sim.free(1010);
        sim.free(1000);
        assertThat(sim.freeList()).containsExactly(chunk(1000, 10), chunk(1010, 20), chunk(1040, 60));
        // WHEN 15 bytes are taken from the 20-byte entry
        assertThat(sim.allocate(15)).isEqualTo(1010);
        // THEN its 5-byte remainder sits at position 1, out of size order
        assertThat(sim.lastSearchCount()).isEqualTo(2);
        assertThat(sim.freeList()).containsExactly(chunk(1000, 10), chunk(1025, 5), chunk(1040, 60));
        // AND the next free sorts the whole list again, stably: 1000 stays before the equal-sized 1030
        sim.free(1030);
        assertThat(sim.freeList()).containsExactly(chunk(1025, 5), chunk(1000, 10), chunk(1030, 10), chunk(1040, 60));
    }

    /** Blocks of 30 at 1000, 10 at 1030, 20 at 1040 are freed in the order 1030, 1000, 1040. */
    static Stream<Arguments> orders() {
        return Stream.of(
                Arguments.of(ListOrder.INSERT_FRONT, List.of(chunk(1040, 20), chunk(1000, 30), chunk(1030, 10), chunk(1060, 40))),
                Arguments.of(ListOrder.INSERT_BACK, List.of(chunk(1060, 40), chunk(1030, 10), chunk(1000, 30), chunk(1040, 20))),
                Arguments.of(ListOrder.ADDRESS, List.of(chunk(1000, 30), chunk(1030, 10), chunk(1040, 20), chunk(1060, 40))),
                Arguments.of(ListOrder.SIZE_ASCENDING, List.of(chunk(1030, 10), chunk(1040, 20), chunk(1000, 30), chunk(1060, 40))),
                Arguments.of(ListOrder.SIZE_DESCENDING, List.of(chunk(1060, 40), chunk(1000, 30), chunk(1040, 20), chunk(1030, 10))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("orders")
    void each_order_puts_freed_chunks_where_it_says(ListOrder order, List<FreeChunk> expected) {
        // GIVEN blocks of 30, 10 and 20 bytes and 40 free bytes at the end
        FreeListSimulator sim = simulator(FitPolicy.FIRST, order, false);
        sim.allocate(30);
        sim.allocate(10);
        sim.allocate(20);
        // WHEN they are freed in the order 1030, 1000, 1040
        for (int address : new int[] {1030, 1000, 1040}) {
            assertThat(sim.free(address)).isZero();
        }
        // THEN the list is in the order's order
        assertThat(sim.freeList()).containsExactlyElementsOf(expected);
    }

    @Test
    void coalescing_in_address_order_merges_every_neighbour() {
        // GIVEN three 10-byte blocks at 1000, 1010, 1020
        FreeListSimulator sim = simulator(FitPolicy.FIRST, ListOrder.ADDRESS, true);
        sim.allocate(10);
        sim.allocate(10);
        sim.allocate(10);
        // WHEN the first and the last are freed THEN only the last merges (with the free tail)
        sim.free(1000);
        sim.free(1020);
        assertThat(sim.freeList()).containsExactly(chunk(1000, 10), chunk(1020, 80));
        // WHEN the middle one is freed THEN the whole heap is one chunk again
        sim.free(1010);
        assertThat(sim.freeList()).containsExactly(chunk(1000, 100));
    }

    @Test
    void coalescing_in_lifo_order_misses_neighbours_that_are_not_next_to_each_other_in_the_list() {
        // GIVEN three 10-byte blocks and coalescing on, but a LIFO list
        FreeListSimulator sim = simulator(FitPolicy.FIRST, ListOrder.INSERT_FRONT, true);
        sim.allocate(10);
        sim.allocate(10);
        sim.allocate(10);
        // WHEN all three are freed
        sim.free(1000);
        sim.free(1010);
        sim.free(1020);
        // THEN nothing merged: each list neighbour ends where its successor does not start
        assertThat(sim.freeList()).containsExactly(chunk(1020, 10), chunk(1010, 10), chunk(1000, 10), chunk(1030, 70));
    }

    @Test
    void coalescing_in_fifo_order_merges_only_pairs_that_meet_in_the_list() {
        // GIVEN three 10-byte blocks and coalescing on, with a FIFO list
        FreeListSimulator sim = simulator(FitPolicy.FIRST, ListOrder.INSERT_BACK, true);
        sim.allocate(10);
        sim.allocate(10);
        sim.allocate(10);
        // WHEN all three are freed, in address order
        sim.free(1000);
        sim.free(1010);
        sim.free(1020);
        // THEN they merge with each other (they meet in the list) but not with the tail before them
        assertThat(sim.freeList()).containsExactly(chunk(1030, 70), chunk(1000, 30));
    }

    @Test
    void freeing_an_address_that_is_not_allocated_returns_minus_one_and_changes_nothing() {
        // GIVEN one allocated chunk [1000, 1010)
        FreeListSimulator sim = simulator(FitPolicy.BEST, ListOrder.ADDRESS, true);
        sim.allocate(10);
        // WHEN an address inside it, one in free space, and the chunk twice are freed
        int inside = sim.free(1005);
        int inFreeSpace = sim.free(1050);
        int first = sim.free(1000);
        int second = sim.free(1000);
        // THEN only the first free of the chunk start succeeds
        assertThat(List.of(inside, inFreeSpace, first, second)).containsExactly(-1, -1, 0, -1);
        assertThat(sim.freeList()).containsExactly(chunk(1000, 100));
        assertThat(sim.allocatedChunks()).isEmpty();
    }

    @Test
    void next_fit_starts_after_the_last_allocation_and_wraps_around() {
        // GIVEN a next-fit list [1000,40] [1050,10], the rest allocated, and no allocation yet that set the rover
        FreeListSimulator sim = simulator(FitPolicy.NEXT, ListOrder.ADDRESS, false);
        sim.allocate(40);
        sim.allocate(10);
        sim.allocate(10);
        sim.allocate(40);
        assertThat(sim.freeList()).isEmpty();
        sim.free(1000);
        sim.free(1050);
        // WHEN 10 bytes are requested THEN the search starts at the head (the rover points nowhere)
        assertThat(sim.allocate(10)).isEqualTo(1000);
        assertThat(sim.freeList()).containsExactly(chunk(1010, 30), chunk(1050, 10));
        // WHEN 20 bytes are requested THEN the search starts at the entry after the one just used,
        // finds it too small, and wraps around to the head
        assertThat(sim.allocate(20)).isEqualTo(1010);
        assertThat(sim.lastSearchCount()).isEqualTo(2);
        assertThat(sim.freeList()).containsExactly(chunk(1030, 10), chunk(1050, 10));
        // WHEN 10 bytes are requested THEN the search starts at 1050, not at the equally good 1030
        assertThat(sim.allocate(10)).isEqualTo(1050);
        assertThat(sim.lastSearchCount()).isEqualTo(1);
    }

    @Test
    void next_fit_skips_the_remainder_it_just_split_where_first_fit_would_not() {
        // GIVEN holes [1000,10] [1020,10] [1030,70] and a rover at 1030 (the entry after the last allocation)
        FreeListSimulator next = simulator(FitPolicy.NEXT, ListOrder.ADDRESS, false);
        next.allocate(10);
        next.allocate(10);
        next.allocate(10);
        next.free(1000);
        next.free(1020);
        // WHEN 5 bytes are requested twice
        int firstAddress = next.allocate(5);
        int secondAddress = next.allocate(5);
        // THEN the first comes from the rover's entry, the second from the head (the rover wrapped)
        assertThat(firstAddress).isEqualTo(1030);
        assertThat(secondAddress).isEqualTo(1000);
        assertThat(next.freeList()).containsExactly(chunk(1005, 5), chunk(1020, 10), chunk(1035, 65));
    }

    @Test
    void next_fit_follows_its_entry_when_coalescing_merges_it_into_the_one_before() {
        // GIVEN four 10-byte blocks, the rover at the free tail [1040,60], and holes at 1000 and 1020
        FreeListSimulator sim = simulator(FitPolicy.NEXT, ListOrder.ADDRESS, true);
        for (int i = 0; i < 4; i++) {
            sim.allocate(10);
        }
        sim.free(1000);
        sim.free(1020);
        // WHEN 1030 is freed, merging 1020, 1030 and the rover's entry into [1020,80]
        sim.free(1030);
        assertThat(sim.freeList()).containsExactly(chunk(1000, 10), chunk(1020, 80));
        // THEN the search starts at the merged entry, not at the head where first fit would look
        assertThat(sim.allocate(5)).isEqualTo(1020);
        assertThat(sim.lastSearchCount()).isEqualTo(1);
    }

    @Test
    void growing_adds_the_new_bytes_like_a_freed_chunk() {
        // GIVEN an empty heap at 0 with coalescing in address order
        FreeListSimulator sim = FreeListSimulator.of(FreeListConfig.builder()
                .policy(FitPolicy.FIRST).coalescing(true).base(0).size(0).build());
        assertThat(sim.freeList()).isEmpty();
        assertThat(sim.allocate(8)).isEqualTo(FreeListSimulator.FAILED);
        assertThat(sim.lastSearchCount()).isZero();
        // WHEN it grows twice
        assertThat(sim.grow(16)).isZero();
        assertThat(sim.grow(8)).isEqualTo(16);
        // THEN the two growths merged into one free chunk at the end
        assertThat(sim.freeList()).containsExactly(chunk(0, 24));
        assertThat(sim.freeChunkAtEnd()).contains(chunk(0, 24));
        assertThat(sim.end()).isEqualTo(24);
        assertThat(sim.base()).isZero();
        assertThat(sim.allocate(24)).isZero();
        assertThat(sim.freeChunkAtEnd()).isEmpty();
    }

    @Test
    void bad_requests_are_refused_with_a_sentence() {
        FreeListSimulator sim = FreeListSimulator.of(FreeListConfig.builder().build());
        assertThatThrownBy(() -> sim.allocate(-3)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("allocate(-3): size must be >= 0 bytes");
        assertThatThrownBy(() -> sim.allocate(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("0-byte chunk");
        assertThatThrownBy(() -> sim.grow(Integer.MAX_VALUE)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("past address");
        assertThat(sim.allocate(Integer.MAX_VALUE)).isEqualTo(FreeListSimulator.FAILED);
    }

    @Test
    void describe_lists_the_free_list_in_list_order_and_the_chunks_by_address() {
        FreeListSimulator sim = simulator(FitPolicy.FIRST, ListOrder.INSERT_FRONT, false);
        sim.allocate(10);
        sim.allocate(7);
        sim.free(1000);
        assertThat(sim.describe()).isEqualTo("free list (2 entries, insert-front order): [addr 1000 size 10] [addr 1017 size 83]"
                + System.lineSeparator() + "allocated (1 chunk): [addr 1010 size 7 for 7]");
        assertThat(sim.toString()).startsWith("FreeListSimulator[first fit, insert-front order, coalescing off,"
                + " header 0, alignment 1, heap [1000, 1100)]");
    }
}
