package dev.alloclab.core.alloc.segregated;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.alloclab.core.alloc.Allocator;
import dev.alloclab.core.alloc.Allocators;
import dev.alloclab.core.alloc.HeapRegion;
import dev.alloclab.core.memory.HeapBytes;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The segregated allocator's behaviours, one lesson per test. */
class SegregatedAllocatorTest {
    /** A heap with its table at the bottom: the lessons below are about lists, fits and coalescing (small heaps: at the end). */
    private final SegregatedAllocator allocator = SegregatedAllocator.withTable(HeapBytes.withMax(1 << 20),
            SegregatedAllocator.SLOT_GATE);
    private final HeapBytes heap = allocator.heap();

    private void fill(int index, int length, int seed) {
        for (int i = 0; i < length; i++) {
            heap.writeByte(index + i, seed + i);
        }
    }

    private void assertFilled(int index, int length, int seed) {
        for (int i = 0; i < length; i++) {
            assertThat(heap.readByte(index + i)).as("byte %d at %d", i, index + i).isEqualTo((byte) (seed + i));
        }
    }

    @Test
    void medium_blocks_freed_in_random_order_give_their_list_a_tree_that_finds_what_the_walk_found() {
        // GIVEN 600 blocks of 200 bytes kept apart by 300-byte ones, on an allocator that never plants
        // trees and on the kit's default
        SegregatedAllocator walking = new SegregatedAllocator(HeapBytes.withMax(1 << 20), SegregatedAllocator.SLOT_GATE,
                Integer.MAX_VALUE);
        SegregatedAllocator planting = new SegregatedAllocator(HeapBytes.withMax(1 << 20));
        int[] medium = new int[600];
        for (SegregatedAllocator allocator : List.of(walking, planting)) {
            for (int i = 0; i < medium.length; i++) {
                medium[i] = allocator.alloc(200);
                allocator.alloc(300);                       // kept: the 200s never coalesce
            }
            // WHEN they are freed in a scrambled order (each free must find its place in the address-ordered
            // list), then 300 slightly smaller blocks are asked for
            for (int i = 0; i < medium.length; i++) {
                allocator.dealloc(medium[(i * 337) % medium.length]);
            }
        }
        List<Integer> fromWalking = new java.util.ArrayList<>();
        List<Integer> fromPlanting = new java.util.ArrayList<>();
        for (int i = 0; i < 300; i++) {
            fromWalking.add(walking.alloc(150 + i % 40));
            fromPlanting.add(planting.alloc(150 + i % 40));
        }
        // THEN the long list got a tree, the tree mirrors the list, and every block is the one the walk found
        int list = SegregatedAllocator.listFor(SegregatedAllocator.blockSizeFor(200));
        assertThat(new SegregatedInvariants(planting).keepsTree(list)).isTrue();
        assertThat(new SegregatedInvariants(walking).keepsTree(list)).isFalse();
        assertThat(new SegregatedInvariants(planting).freeListProblems()).isEmpty();
        assertThat(fromPlanting).isEqualTo(fromWalking);
    }

    @Test
    void a_block_costs_its_payload_plus_a_4_byte_header_rounded_to_8() {
        assertThat(SegregatedAllocator.blockSizeFor(1)).isEqualTo(SegregatedAllocator.MIN_BLOCK_SIZE);
        assertThat(SegregatedAllocator.blockSizeFor(12)).isEqualTo(16);
        assertThat(SegregatedAllocator.blockSizeFor(13)).isEqualTo(24);
        assertThat(SegregatedAllocator.blockSizeFor(60)).isEqualTo(64);
        // GIVEN two 60-byte blocks allocated one after the other (the second from a run)
        int a = allocator.alloc(60);
        int b = allocator.alloc(60);
        // THEN they sit 64 bytes apart: no footer, only the header
        assertThat(Math.abs(b - a)).isEqualTo(64);
        assertThat(allocator.usableSize(a)).isEqualTo(60);
    }

    @Test
    void size_classes_are_exact_up_to_128_bytes_then_one_per_power_of_two_then_one_for_huge_blocks() {
        assertThat(SegregatedAllocator.listFor(16)).isZero();
        assertThat(SegregatedAllocator.listFor(128)).isEqualTo(SegregatedAllocator.EXACT_LIST_COUNT - 1);
        // [128, 256) is the first range class; 128 itself has its exact list
        assertThat(SegregatedAllocator.listFor(136)).isEqualTo(SegregatedAllocator.EXACT_LIST_COUNT);
        assertThat(SegregatedAllocator.listFor(248)).isEqualTo(SegregatedAllocator.EXACT_LIST_COUNT);
        assertThat(SegregatedAllocator.listFor(256)).isEqualTo(SegregatedAllocator.EXACT_LIST_COUNT + 1);
        assertThat(SegregatedAllocator.listFor((1 << 16) - 8)).isEqualTo(SegregatedAllocator.HUGE_LIST - 1);
        // every block of 64 KiB and more, up to the largest the heap can hold, shares the last list
        assertThat(SegregatedAllocator.listFor(1 << 16)).isEqualTo(SegregatedAllocator.HUGE_LIST);
        assertThat(SegregatedAllocator.listFor(Integer.MAX_VALUE & SegregatedAllocator.SIZE_MASK))
                .isEqualTo(SegregatedAllocator.HUGE_LIST);
        assertThat(SegregatedAllocator.HUGE_LIST).isEqualTo(SegregatedAllocator.LIST_COUNT - 1);
        assertThat(SegregatedAllocator.LIST_COUNT).as("the non-empty mask is one long").isLessThanOrEqualTo(64);
        assertThat(SegregatedAllocator.FIRST_BLOCK % 8).as("payloads 8-aligned").isEqualTo(4);
        assertThat(SegregatedAllocator.FIRST_BLOCK).as("only the table word before the first block").isEqualTo(4);
        assertThat(SegregatedAllocator.TABLE_BLOCK_SIZE - SegregatedAllocator.HEADER_SIZE - SegregatedAllocator.BOOKKEEPING_BYTES)
                .as("the table's block: header, the list heads and the slots' words, at most the padding to 8").isBetween(0, 7);
    }

    @Test
    void huge_blocks_of_different_sizes_share_one_list_and_best_fit_picks_among_them() {
        // GIVEN three holes of 64 KiB and more (one list for all of them), the tightest in the middle
        SegregatedAllocator big = new SegregatedAllocator(HeapBytes.withMax(1 << 20));
        int loose = big.alloc(200_000);
        big.alloc(200); // guard
        int tight = big.alloc(100_000);
        big.alloc(200); // guard
        int looser = big.alloc(300_000);
        big.alloc(200); // guard
        big.dealloc(loose);
        big.dealloc(looser);
        big.dealloc(tight);
        assertThat(new SegregatedInvariants(big).freeListProblems()).isEmpty();
        int heapBefore = big.heap().size();
        // WHEN huge requests come THEN each takes the tightest hole that fits, and the heap does not grow
        assertThat(big.alloc(90_000)).isEqualTo(tight);
        assertThat(big.alloc(150_000)).isEqualTo(loose);
        assertThat(big.alloc(250_000)).isEqualTo(looser);
        assertThat(big.heap().size()).isEqualTo(heapBefore);
    }

    @Test
    void the_header_packs_size_and_two_flags_with_named_accessors() {
        int header = SegregatedAllocator.pack(48, true, false);
        assertThat(SegregatedAllocator.blockSize(header)).isEqualTo(48);
        assertThat(SegregatedAllocator.isAllocated(header)).isTrue();
        assertThat(SegregatedAllocator.isPrevAllocated(header)).isFalse();
        assertThat(SegregatedAllocator.isPrevAllocated(SegregatedAllocator.pack(48, false, true))).isTrue();
    }

    @Test
    void freeing_the_middle_block_last_coalesces_all_three_into_one_hole() {
        // GIVEN three neighbours of 200 bytes and a guard after them
        int a = allocator.alloc(200);
        int b = allocator.alloc(200);
        int c = allocator.alloc(200);
        allocator.alloc(200);
        assertThat(b - a).isEqualTo(208);
        assertThat(c - b).isEqualTo(208);
        // WHEN the outer two are freed, then the middle one
        allocator.dealloc(a);
        allocator.dealloc(c);
        allocator.dealloc(b);
        // THEN one free block spans all three, and a request of their total size lands at a
        long freeRegions = allocator.regions().stream().filter(r -> r.kind() == HeapRegion.Kind.FREE).count();
        assertThat(freeRegions).isEqualTo(1);
        int heapBefore = heap.size();
        assertThat(allocator.alloc(3 * 208 - 4)).isEqualTo(a);
        assertThat(heap.size()).as("served from the hole, the heap did not grow").isEqualTo(heapBefore);
    }

    @Test
    void realloc_grows_into_a_free_right_neighbour_without_moving() {
        // GIVEN a block whose right neighbour is freed
        int a = allocator.alloc(200);
        int b = allocator.alloc(300);
        allocator.alloc(100);
        fill(a, 200, 7);
        allocator.dealloc(b);
        int heapBefore = heap.size();
        // WHEN it grows by 250 bytes
        int grown = allocator.realloc(a, 450);
        // THEN it stays where it is, keeps its bytes, and the heap did not grow
        assertThat(grown).isEqualTo(a);
        assertFilled(a, 200, 7);
        assertThat(allocator.usableSize(a)).isGreaterThanOrEqualTo(450);
        assertThat(heap.size()).isEqualTo(heapBefore);
    }

    @Test
    void realloc_of_the_last_block_sbrks_only_the_difference() {
        // GIVEN a 1000-byte block at the end of the heap
        allocator.alloc(500);
        int last = allocator.alloc(1000);
        fill(last, 1000, 3);
        int heapBefore = heap.size();
        // WHEN it grows to 1800 bytes
        int grown = allocator.realloc(last, 1800);
        // THEN it stays put and the heap grew by exactly the 800 bytes more it needs
        assertThat(grown).isEqualTo(last);
        assertFilled(last, 1000, 3);
        assertThat(heap.size() - heapBefore).isEqualTo(
                SegregatedAllocator.blockSizeFor(1800) - SegregatedAllocator.blockSizeFor(1000));
    }

    @Test
    void realloc_slides_down_into_a_free_left_neighbour() {
        // GIVEN a block whose left neighbour is free and whose right neighbour is in use
        int left = allocator.alloc(400);
        int b = allocator.alloc(200);
        allocator.alloc(200);
        fill(b, 200, 11);
        allocator.dealloc(left);
        int heapBefore = heap.size();
        // WHEN it grows beyond what it has, but within what the left hole adds
        int moved = allocator.realloc(b, 500);
        // THEN its payload moves down to the hole's start, bytes intact, heap unchanged
        assertThat(moved).isEqualTo(left);
        assertFilled(moved, 200, 11);
        assertThat(heap.size()).isEqualTo(heapBefore);
    }

    @Test
    void realloc_that_cannot_grow_in_place_moves_and_frees_the_old_block() {
        int a = allocator.alloc(200);
        allocator.alloc(200);
        fill(a, 200, 21);
        int moved = allocator.realloc(a, 4000);
        assertThat(moved).isNotEqualTo(a);
        assertFilled(moved, 200, 21);
        // the old block is free again: a request of its size gets it back
        assertThat(allocator.alloc(200)).isEqualTo(a);
    }

    @Test
    void realloc_to_a_smaller_size_with_no_free_block_that_fits_stays_and_gives_the_tail_back() {
        // GIVEN one block and no free block anywhere (a shrink-to-fit of a program's only buffer)
        int a = allocator.alloc(1000);
        assertThat(allocator.regions()).noneMatch(r -> r.kind() == HeapRegion.Kind.FREE);
        fill(a, 100, 5);
        int heapBefore = heap.size();
        assertThat(allocator.realloc(a, 100)).isEqualTo(a);
        assertFilled(a, 100, 5);
        assertThat(allocator.usableSize(a)).isLessThan(1000);
        assertThat(heap.size()).as("a shrink never grows the heap").isEqualTo(heapBefore);
        // the tail is a free block that the next fitting request uses
        int tail = allocator.alloc(800);
        assertThat(tail).isGreaterThan(a).isLessThan(a + 1000);
    }

    @Test
    void realloc_to_a_smaller_size_moves_into_a_free_block_that_fits_so_live_bytes_do_not_stay_high() {
        // GIVEN a 300-byte hole low in the heap, and a 1000-byte block above it
        int low = allocator.alloc(300);
        allocator.alloc(100);
        int a = allocator.alloc(1000);
        allocator.alloc(100);
        allocator.dealloc(low);
        fill(a, 300, 9);
        int heapBefore = heap.size();
        // WHEN the block shrinks to 300 bytes
        int moved = allocator.realloc(a, 300);
        // THEN it moved down into the hole with its first 300 bytes, and its old 1000 bytes are free again
        assertThat(moved).isEqualTo(low);
        assertFilled(moved, 300, 9);
        assertThat(heap.size()).isEqualTo(heapBefore);
        assertThat(allocator.alloc(1000)).isLessThanOrEqualTo(a);
        assertThat(heap.size()).isEqualTo(heapBefore);
    }

    @Test
    void small_blocks_come_in_runs_so_freed_large_neighbours_coalesce() {
        // GIVEN the binary pattern: small and large blocks alternate
        int[] large = new int[8];
        int firstSmall = allocator.alloc(16);
        for (int i = 0; i < large.length; i++) {
            large[i] = allocator.alloc(200);
            if (i > 0) {
                allocator.alloc(16);
            }
        }
        // THEN the large blocks are neighbours (the small ones live in a run elsewhere)
        for (int i = 1; i < large.length; i++) {
            assertThat(large[i] - large[i - 1]).as("large block %d follows %d", i, i - 1).isEqualTo(208);
        }
        // WHEN the large ones are freed, THEN a request for all their bytes fits without growing the heap
        for (int index : large) {
            allocator.dealloc(index);
        }
        // (the hole may also take in the run's unused spare blocks just below it)
        int heapBefore = heap.size();
        int all = allocator.alloc(8 * 208 - 4);
        assertThat(all).isGreaterThan(firstSmall).isLessThanOrEqualTo(large[0]);
        assertThat(heap.size()).isEqualTo(heapBefore);
    }

    @Test
    void medium_blocks_go_to_the_lowest_hole_that_fits_not_the_newest() {
        // GIVEN two holes of 1000 bytes, the higher one freed last (a LIFO list would offer it first)
        int low = allocator.alloc(1000);
        allocator.alloc(200); // a guard (200 bytes: no run of small blocks)
        int high = allocator.alloc(1000);
        allocator.alloc(200); // guard
        allocator.dealloc(low);
        allocator.dealloc(high);
        // WHEN a medium block that fits either is asked for
        int placed = allocator.alloc(600);
        // THEN it goes to the lower hole, cut from its bottom: live bytes stay low in the heap
        assertThat(placed).isEqualTo(low);
        // and the rest of that hole is still the lowest fit for the next one
        assertThat(allocator.alloc(300)).isGreaterThan(low).isLessThan(high);
    }

    @Test
    void large_blocks_go_to_the_best_fitting_hole_even_when_a_looser_one_lies_lower() {
        // GIVEN a loose hole of 12,000 bytes below a tight hole of 10,000
        int loose = allocator.alloc(12_000);
        allocator.alloc(200); // guard
        int tight = allocator.alloc(10_000);
        allocator.alloc(200); // guard
        allocator.dealloc(loose);
        allocator.dealloc(tight);
        // WHEN a large block of 9,900 bytes is asked for (best fit from BEST_FIT_FROM = 8 KiB up)
        // THEN best fit takes the tight hole and keeps the loose one whole for a later, larger request
        assertThat(allocator.alloc(9_900)).isEqualTo(tight);
        assertThat(allocator.alloc(11_900)).isEqualTo(loose);
    }

    @Test
    void a_free_last_block_that_best_fit_did_not_reach_still_serves_the_request() {
        // GIVEN more holes of one large size class than best fit looks at, all too small,
        int[] holes = new int[SegregatedAllocator.BEST_FIT_SCAN_LIMIT + 2];
        for (int i = 0; i < holes.length; i++) {
            holes[i] = allocator.alloc(8300);
            allocator.alloc(200); // guard
        }
        // and a free block of the same class that ends the heap and is big enough
        int last = allocator.alloc(12_000);
        for (int hole : holes) {
            allocator.dealloc(hole);
        }
        allocator.dealloc(last);
        int heapBefore = heap.size();
        // WHEN a request of that class is bigger than every hole but the last block
        int placed = allocator.alloc(10_000);
        // THEN the last block serves it and the heap does not change
        assertThat(placed).isEqualTo(last);
        assertThat(heap.size()).isEqualTo(heapBefore);
    }

    @Test
    void the_null_and_zero_rules_of_the_contract_hold() {
        SegregatedAllocator allocator = new SegregatedAllocator(HeapBytes.withMax(1 << 20)); // a fresh heap: no table yet
        HeapBytes heap = allocator.heap();
        assertThat(allocator.alloc(0)).isEqualTo(Allocator.NULL);
        assertThat(heap.size()).as("nothing was set up for a zero request").isZero();
        assertThat(allocator.regions()).isEmpty();
        allocator.dealloc(Allocator.NULL);
        int a = allocator.realloc(Allocator.NULL, 24);
        assertThat(a).isNotEqualTo(Allocator.NULL);
        assertThat(allocator.realloc(a, 0)).isEqualTo(Allocator.NULL);
        assertThatThrownBy(() -> allocator.alloc(-1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("alloc(-1): size must be >= 0 bytes.");
        assertThatThrownBy(() -> allocator.realloc(a, -5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SegregatedAllocator(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void out_of_memory_returns_null_and_leaves_blocks_untouched() {
        SegregatedAllocator small = new SegregatedAllocator(HeapBytes.withMax(2048));
        assertThat(small.alloc(4096)).isEqualTo(Allocator.NULL);
        int a = small.alloc(1000);
        assertThat(a).isNotEqualTo(Allocator.NULL);
        small.heap().fill(a, 1000, 9);
        small.alloc(16); // a run of small blocks that fits partly
        assertThat(small.realloc(a, 3000)).isEqualTo(Allocator.NULL);
        assertThat(small.heap().readBytes(a, 1000)).containsOnly((byte) 9);
        assertThat(new SegregatedAllocator(HeapBytes.withMax(64)).alloc(8))
                .as("not even room for the table's room").isEqualTo(Allocator.NULL);
    }

    @Test
    void the_registry_knows_it_as_segregated_and_it_draws_its_heap() {
        Allocator made = Allocators.create("segregated", HeapBytes.withMax(4096));
        assertThat(made).isInstanceOf(SegregatedAllocator.class);
        assertThat(Allocators.named("segregated").description()).contains("segregated");
        int a = made.alloc(40);
        List<HeapRegion> regions = made.regions();
        assertThat(regions.get(0)).isEqualTo(new HeapRegion(0, SegregatedAllocator.FIRST_BLOCK, HeapRegion.Kind.HEADER));
        assertThat(regions).contains(new HeapRegion(a - 4, a, HeapRegion.Kind.HEADER),
                new HeapRegion(a, a + 44, HeapRegion.Kind.LIVE));
        assertThat(regions.get(regions.size() - 1).to()).isEqualTo(made.heap().size());
        assertThat(made.toString()).contains("heap=");
    }

    @Test
    void once_a_small_size_is_common_its_blocks_are_header_less_slots_in_a_run() {
        // GIVEN as many live 16-byte blocks as the gate asks for: headed, 24 bytes apart
        int[] headed = new int[SegregatedAllocator.SLOT_GATE];
        for (int i = 0; i < headed.length; i++) {
            headed[i] = allocator.alloc(16);
        }
        assertThat(headed[1] - headed[0]).isEqualTo(24);
        // WHEN more come
        int a = allocator.alloc(16);
        int b = allocator.alloc(16);
        // THEN they are slots of one run: 16 bytes apart, no header, usable size exactly 16
        assertThat(b - a).isEqualTo(16);
        assertThat(allocator.usableSize(a)).isEqualTo(16);
        // and the picture shows them live, the run's header and trailer as bookkeeping
        List<HeapRegion> regions = allocator.regions();
        assertThat(regions).contains(new HeapRegion(a - 4, a, HeapRegion.Kind.HEADER),
                new HeapRegion(a, a + 16, HeapRegion.Kind.LIVE), new HeapRegion(b, b + 16, HeapRegion.Kind.LIVE));
        assertThat(new SegregatedInvariants(allocator).slotProblems()).isEmpty();
    }

    @Test
    void a_run_whose_slots_are_all_freed_goes_back_to_the_free_lists_and_coalesces() {
        // GIVEN slots from the first request (gate 0) and a guard block after them
        SegregatedAllocator eager = new SegregatedAllocator(HeapBytes.withMax(1 << 20), 0);
        int a = eager.alloc(8);
        int b = eager.alloc(8);
        assertThat(b - a).as("two 8-byte slots side by side").isEqualTo(8);
        // WHEN both are freed
        eager.dealloc(b);
        eager.dealloc(a);
        // THEN nothing is live: the run and the (now empty) run directory are one free block
        assertThat(eager.regions()).noneMatch(r -> r.kind() == HeapRegion.Kind.LIVE);
        assertThat(eager.regions().stream().filter(r -> r.kind() == HeapRegion.Kind.FREE).count()).isEqualTo(1);
        SegregatedInvariants invariants = new SegregatedInvariants(eager);
        assertThat(invariants.slotProblems()).isEmpty();
        assertThat(invariants.freeListProblems()).isEmpty();
    }

    @Test
    void a_headed_block_in_the_place_of_a_freed_run_is_freed_as_a_headed_block() {
        // GIVEN a run of 8-byte slots (its free has been looked up, so its run is remembered),
        // freed while a run of another size keeps the directory alive
        SegregatedAllocator eager = new SegregatedAllocator(HeapBytes.withMax(1 << 20), 0);
        int keep = eager.alloc(40);
        int slot = eager.alloc(8);
        int guard = eager.alloc(1000);
        eager.dealloc(slot);
        // WHEN a headed block takes the run's place
        int headed = eager.alloc(12);
        assertThat(headed).as("the headed block lies where the run was").isLessThan(guard);
        assertThat(headed).isGreaterThan(keep);
        // THEN its free is a headed block's free: no slot of a run that is gone
        eager.dealloc(headed);
        SegregatedInvariants invariants = new SegregatedInvariants(eager);
        assertThat(invariants.cacheProblems()).isEmpty();
        assertThat(invariants.slotProblems()).isEmpty();
        assertThat(invariants.freeListProblems()).isEmpty();
    }

    @Test
    void a_slot_of_a_run_made_where_a_headed_block_was_freed_is_freed_as_a_slot() {
        // GIVEN a headed block between a run and a guard, freed (its free found it in no run)
        SegregatedAllocator eager = new SegregatedAllocator(HeapBytes.withMax(1 << 20), 0);
        int keep = eager.alloc(40);
        int headed = eager.alloc(300);
        int guard = eager.alloc(1000);
        eager.dealloc(headed);
        // WHEN a run of 24-byte slots takes that hole, and its first slot is freed
        int first = eager.alloc(24);
        int second = eager.alloc(24);
        assertThat(first).as("the run lies in the headed block's hole").isBetween(headed - 4, guard);
        assertThat(first).isGreaterThan(keep);
        eager.dealloc(first);
        // THEN it is freed as a slot: the run, and its second slot, stay live (a headed block's free would free the run)
        assertThat(eager.usableSize(second)).isEqualTo(24);
        assertThat(eager.regions()).contains(new HeapRegion(first, first + 24, HeapRegion.Kind.FREE),
                new HeapRegion(second, second + 24, HeapRegion.Kind.LIVE));
        SegregatedInvariants invariants = new SegregatedInvariants(eager);
        assertThat(invariants.cacheProblems()).isEmpty();
        assertThat(invariants.slotProblems()).isEmpty();
        assertThat(invariants.freeListProblems()).isEmpty();
    }

    @Test
    void a_new_run_takes_a_free_hole_before_the_heap_grows() {
        // GIVEN a 1000-byte hole below a guard
        SegregatedAllocator eager = new SegregatedAllocator(HeapBytes.withMax(1 << 20), 0);
        int hole = eager.alloc(1000);
        int guard = eager.alloc(1000);
        eager.dealloc(hole);
        int heapBefore = eager.heap().size();
        // WHEN a small request needs a run
        int slot = eager.alloc(24);
        // THEN the run (and the run directory) went into the hole, not to the heap's end
        assertThat(slot).isLessThan(guard);
        assertThat(eager.heap().size()).isEqualTo(heapBefore);
    }

    @Test
    void realloc_keeps_a_slot_while_the_size_fits_and_moves_it_when_it_does_not() {
        SegregatedAllocator eager = new SegregatedAllocator(HeapBytes.withMax(1 << 20), 0);
        HeapBytes bytes = eager.heap();
        int slot = eager.alloc(24);
        for (int i = 0; i < 24; i++) {
            bytes.writeByte(slot + i, 40 + i);
        }
        // WHEN it shrinks or grows within its 24 bytes THEN it stays
        assertThat(eager.realloc(slot, 10)).isEqualTo(slot);
        assertThat(eager.realloc(slot, 24)).isEqualTo(slot);
        // WHEN it grows past them THEN it moves, its bytes with it
        int moved = eager.realloc(slot, 200);
        assertThat(moved).isNotEqualTo(slot);
        for (int i = 0; i < 24; i++) {
            assertThat(bytes.readByte(moved + i)).isEqualTo((byte) (40 + i));
        }
        assertThat(eager.usableSize(moved)).isGreaterThanOrEqualTo(200);
        assertThat(new SegregatedInvariants(eager).slotProblems()).isEmpty();
    }

    @Test
    void requests_whose_headed_block_costs_no_more_than_a_slot_stay_headed() {
        // 12 bytes: a 16-byte headed block, the same as a 16-byte slot; 13: 24 headed, 16 as a slot
        assertThat(SegregatedAllocator.usesSlot(12)).isFalse();
        assertThat(SegregatedAllocator.usesSlot(13)).isTrue();
        assertThat(SegregatedAllocator.usesSlot(8)).isTrue();
        assertThat(SegregatedAllocator.usesSlot(SegregatedAllocator.LARGEST_SLOT + 8)).isFalse();
    }

    @Test
    void the_classic_binary2_pattern_stays_above_the_80_percent_floor() {
        // GIVEN the classic binary2 shape: 2,000 pairs of 16- and 112-byte blocks, the 112s freed,
        // then 2,000 blocks of 128 bytes (a little larger than the freed ones)
        ShapedTraces.Trace binary2 = ShapedTraces.binary("binary2", 2000, 16, 112, 16);
        // WHEN replayed THEN utilization stays above the floor (cutting small blocks from the bottom
        // of another size's spare left 76 %)
        assertThat(UtilizationHarness.utilization(binary2, SegregatedAllocator::new)).isGreaterThan(0.80);
    }

    @Test
    void no_trace_of_the_kits_bundled_suite_falls_under_the_80_percent_floor() {
        // GIVEN the kit's own suite, replayed through the validator
        // WHEN utilization is measured THEN every trace keeps the floor (interpreter-like and
        // server-like sat at 79.2 and 79.3 % before the list heads shrank and best fit moved to 8 KiB)
        UtilizationHarness.bundledSuite(SegregatedAllocator::new).forEach((trace, utilization) ->
                assertThat(utilization).as("utilization on %s", trace).isGreaterThan(0.80));
    }

    @Test
    void the_stand_in_suite_keeps_utilization_high_on_every_trace() {
        // the Malloc Lab shapes of FACTS.md, generated: no trace under 80 %, the average at least 93 %
        double sum = 0;
        List<ShapedTraces.Trace> suite = ShapedTraces.suite(42);
        for (ShapedTraces.Trace trace : suite) {
            double utilization = UtilizationHarness.utilization(trace, SegregatedAllocator::new);
            assertThat(utilization).as("utilization on %s", trace.name()).isGreaterThan(0.80);
            sum += utilization;
        }
        assertThat(sum / suite.size()).as("average utilization").isGreaterThanOrEqualTo(0.93);
    }

    // ---- small heaps: no table until the heap shows it is more than a debugging trace ----

    @Test
    void a_tiny_program_pays_one_word_and_the_tables_room_but_no_list_heads_or_runs() {
        // GIVEN a fresh heap (the CMU lab's syn-struct-short peaks at 552 bytes in five blocks)
        SegregatedAllocator tiny = new SegregatedAllocator(HeapBytes.withMax(1 << 20));
        int[] sizes = {24, 200, 72, 120, 136};
        int blockBytes = 0;
        // WHEN a few blocks are allocated
        for (int size : sizes) {
            assertThat(tiny.alloc(size)).isNotEqualTo(Allocator.NULL);
            blockBytes += SegregatedAllocator.blockSizeFor(size);
        }
        // THEN the heap has no table yet: its blocks, the table word, the table's room (which small blocks may
        // use) and the epilogue, at most
        assertThat(tiny.table()).isEqualTo(SegregatedAllocator.NONE);
        assertThat(tiny.heap().size()).isLessThanOrEqualTo(SegregatedAllocator.FIRST_BLOCK
                + SegregatedAllocator.TABLE_BLOCK_SIZE + blockBytes + SegregatedAllocator.HEADER_SIZE);
        assertThat(tiny.directory()).as("no run of slots").isEqualTo(SegregatedAllocator.NONE);
    }

    @Test
    void in_a_small_heap_a_small_block_takes_the_top_of_a_large_free_block_that_ends_the_heap() {
        // GIVEN a small heap whose upper 2 KB block was freed (the classic short1-bal)
        SegregatedAllocator small = new SegregatedAllocator(HeapBytes.withMax(1 << 20));
        int low = small.alloc(2040);
        small.dealloc(small.alloc(2040));
        int end = small.heap().size();
        // WHEN a small block is asked for
        int tiny = small.alloc(48);
        // THEN it comes from the top of that free block, before the lower table's room: the hole below it stays
        // whole, so the next 4 KB block reuses it and grows the heap by only the difference
        assertThat(tiny - SegregatedAllocator.HEADER_SIZE + SegregatedAllocator.blockSizeFor(48))
                .isEqualTo(end - SegregatedAllocator.HEADER_SIZE);
        assertThat(small.heap().size()).isEqualTo(end);
        assertThat(small.alloc(4072)).isGreaterThan(low);
    }

    @Test
    void the_first_realloc_gives_the_heap_its_table_in_its_room_at_the_bottom_out_of_the_grown_blocks_way() {
        // GIVEN a small heap whose first block was too large for the table's room (realloc-growth-1 opens so)
        SegregatedAllocator growing = new SegregatedAllocator(HeapBytes.withMax(1 << 20));
        int block = growing.alloc(434);
        growing.heap().fill(block, 434, 7);
        // WHEN the block grows
        int grown = growing.realloc(block, 518);
        // THEN the heap got its table in the room at the bottom, and the block grew in place at the top
        assertThat(growing.table()).isEqualTo(SegregatedAllocator.FIRST_BLOCK + SegregatedAllocator.HEADER_SIZE);
        assertThat(grown).isEqualTo(block);
        assertThat(growing.heap().readBytes(grown, 434)).containsOnly((byte) 7);
        assertThat(new SegregatedInvariants(growing).freeListProblems()).isEmpty();
    }

    @Test
    void a_heap_past_eight_blocks_gets_its_table_with_every_free_block_on_its_list() {
        // GIVEN a small heap of nine blocks (the first fills the table's room), two of them freed: one on an
        // exact list, one on a range list
        SegregatedAllocator heapOfNine = new SegregatedAllocator(HeapBytes.withMax(1 << 20));
        heapOfNine.alloc(SegregatedAllocator.TABLE_BLOCK_SIZE - SegregatedAllocator.HEADER_SIZE);
        int[] blocks = new int[SegregatedAllocator.SMALL_HEAP_BLOCKS];
        for (int i = 0; i < blocks.length; i++) {
            blocks[i] = heapOfNine.alloc(i % 2 == 0 ? 300 : 40);
        }
        heapOfNine.dealloc(blocks[2]);
        heapOfNine.dealloc(blocks[5]);
        assertThat(heapOfNine.table()).isEqualTo(SegregatedAllocator.NONE);
        // WHEN one more block is asked for
        heapOfNine.alloc(300);
        // THEN the heap has its table, and the lists and counts hold what the heap holds
        assertThat(heapOfNine.table()).isNotEqualTo(SegregatedAllocator.NONE);
        SegregatedInvariants invariants = new SegregatedInvariants(heapOfNine);
        assertThat(invariants.freeListProblems()).isEmpty();
        assertThat(invariants.slotProblems()).isEmpty();
        assertThat(invariants.cacheProblems()).isEmpty();
    }
}
