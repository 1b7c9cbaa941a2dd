package dev.alloclab.core.alloc.segregated;

import static org.assertj.core.api.Assertions.assertThat;

import dev.alloclab.core.memory.HeapBytes;
import org.junit.jupiter.api.Test;

/**
 * The heap checker finds what it is there to find: every property test asserts that its lists are
 * empty, which would also hold for a checker that never looked. Each test breaks one heap word the
 * way a wrong speed change would, and expects the sentence that names it.
 */
class SegregatedInvariantsTest {

    @Test
    void a_sound_heap_has_no_problems() {
        // GIVEN headed blocks, slots and a free block on a range list
        SegregatedAllocator allocator = new SegregatedAllocator(HeapBytes.withMax(1 << 20), 0);
        SegregatedInvariants invariants = new SegregatedInvariants(allocator);
        int medium = allocator.alloc(200);
        allocator.alloc(8);
        allocator.alloc(300);
        // WHEN one block is freed
        allocator.dealloc(medium);
        // THEN the checks find nothing
        assertThat(invariants.freeListProblems()).isEmpty();
        assertThat(invariants.slotProblems()).isEmpty();
        assertThat(invariants.cacheProblems()).isEmpty();
    }

    @Test
    void a_free_block_whose_back_link_is_wrong_is_named_with_the_link_it_should_have() {
        // GIVEN two free 208-byte blocks on one range list, kept apart by live blocks
        SegregatedAllocator allocator = SegregatedAllocator.withTable(HeapBytes.withMax(1 << 20), SegregatedAllocator.SLOT_GATE);
        int first = allocator.alloc(200);
        allocator.alloc(200);
        int second = allocator.alloc(200);
        allocator.alloc(200);
        allocator.dealloc(first);
        allocator.dealloc(second);
        int list = SegregatedAllocator.listFor(SegregatedAllocator.blockSizeFor(200));
        // WHEN the second block's prev link (its payload's second word) is overwritten
        allocator.heap().writeInt(second + 4, SegregatedAllocator.NONE);
        // THEN the checker names the block, its list, the link it found and the one it should be
        assertThat(new SegregatedInvariants(allocator).freeListProblems()).containsExactly(
                "block " + (second - 4) + " on list " + list + " links back to 0, not " + (first - 4));
    }

    @Test
    void a_list_head_that_lost_its_blocks_disagrees_with_the_mask_and_the_count_of_free_blocks() {
        // GIVEN two free 208-byte blocks on one range list
        SegregatedAllocator allocator = SegregatedAllocator.withTable(HeapBytes.withMax(1 << 20), SegregatedAllocator.SLOT_GATE);
        int first = allocator.alloc(200);
        allocator.alloc(200);
        int second = allocator.alloc(200);
        allocator.alloc(200);
        allocator.dealloc(first);
        allocator.dealloc(second);
        int list = SegregatedAllocator.listFor(SegregatedAllocator.blockSizeFor(200));
        // WHEN the list's head word in the heap's table is cleared
        allocator.heap().writeInt(allocator.table() + 4 * list, SegregatedAllocator.NONE);
        // THEN the mask (a cache) still says non-empty, and two free blocks are on no list
        assertThat(new SegregatedInvariants(allocator).freeListProblems()).containsExactly(
                "list " + list + ": the mask says non-empty", "2 free blocks in the heap, 0 on the lists");
    }

    @Test
    void a_free_slot_marked_live_is_caught_and_its_run_no_longer_adds_up() {
        // GIVEN two 8-byte slots of one run (gate 0: slots from the first request), one of them freed
        SegregatedAllocator allocator = new SegregatedAllocator(HeapBytes.withMax(1 << 20), 0);
        int kept = allocator.alloc(8);
        int freed = allocator.alloc(8);
        allocator.dealloc(freed);
        int run = allocator.runOf(kept);
        int trailer = allocator.trailerOf(run);
        int slots = allocator.slotCount(run);
        // WHEN the freed slot's live bit (slot 1) is set again in the run's trailer
        allocator.heap().writeInt(trailer, allocator.heap().readInt(trailer) | 1 << 1);
        // THEN the checker says the free slot is marked live, and the run's slots count one too many
        assertThat(new SegregatedInvariants(allocator).slotProblems()).containsExactly(
                "free slot " + freed + " is marked live in its run's trailer",
                "run " + run + ": 2 live + " + (slots - 1) + " free slots, not " + slots);
    }

    @Test
    void heap_words_that_differ_from_the_allocators_copies_are_named_with_both_values() {
        // GIVEN a run of 8-byte slots (so there is a run directory) with a free slot on class 0's list
        SegregatedAllocator allocator = new SegregatedAllocator(HeapBytes.withMax(1 << 20), 0);
        allocator.alloc(8);
        int directory = allocator.directory();
        int head = allocator.slotHead(0);
        // WHEN the directory word and class 0's head word are overwritten in the heap, not in the copies
        allocator.heap().writeInt(allocator.table() + SegregatedAllocator.DIRECTORY_WORD, 4444);
        allocator.heap().writeInt(allocator.table() + SegregatedAllocator.SLOT_HEADS, 5555);
        // THEN the cache checker names both words, each with what the copy says
        assertThat(new SegregatedInvariants(allocator).cacheProblems()).containsExactly(
                "the directory's copy says " + directory + ", its word 4444",
                "slot class 0's head copy says " + head + ", its word 5555");
    }
}
