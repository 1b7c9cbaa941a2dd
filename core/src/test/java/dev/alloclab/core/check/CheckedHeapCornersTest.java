package dev.alloclab.core.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.alloclab.core.KitException;
import dev.alloclab.core.alloc.Allocator;
import dev.alloclab.core.alloc.ReferenceAllocator;
import dev.alloclab.core.memory.HeapBytes;
import org.junit.jupiter.api.Test;

/** The less common paths: tagged lookups, forgotten blocks, allocators that lie, small value types. */
class CheckedHeapCornersTest {

    private static CheckedHeap.Builder builder() {
        return CheckedHeap.builder(ReferenceAllocator.firstFit(HeapBytes.withMax(4096)));
    }

    @Test
    void reading_a_blocks_header_is_out_of_bounds_into_the_allocators_bookkeeping() {
        CheckedHeap heap = builder().build();
        int block = heap.alloc(16);
        Violation v = assertThrows(ViolationException.class, () -> heap.readLong(block - 8)).violation();
        assertThat(v.kind()).isEqualTo(Violation.Kind.OUT_OF_BOUNDS);
        assertThat(v.block().from()).isEqualTo(block);
        assertThat(v.report()).contains("0 is 8 bytes before the 16-byte block #1", "(a block header)");
    }

    @Test
    void an_int_read_running_off_the_heaps_end_says_so() {
        CheckedHeap heap = builder().build();
        int block = heap.alloc(16);
        assertThat(heap.allocator().heap().size()).isEqualTo(block + 16);
        Violation v = assertThrows(ViolationException.class, () -> heap.readInt(block + 14)).violation();
        assertThat(v.block().from()).isEqualTo(block);
        assertThat(v.report()).contains("the access [22, 26) runs 2 bytes past the block's end, and past the heap's end: "
                + "the heap holds [0, 24)");
    }

    @Test
    void a_freed_block_forgotten_by_the_history_leaves_an_index_in_no_block() {
        // GIVEN no quarantine and no history: the checked heap forgets a block once it is freed
        CheckedHeap heap = builder().quarantineBytes(0).historyBlocks(0).build();
        int block = heap.alloc(16);
        heap.dealloc(block);
        // WHEN the stale index is read
        Violation v = assertThrows(ViolationException.class, () -> heap.readInt(block)).violation();
        // THEN it is still refused, but no block can be named
        assertThat(v.kind()).isEqualTo(Violation.Kind.OUT_OF_BOUNDS);
        assertThat(v.block()).isNull();
        assertThat(v.report()).contains(block + " is in no block", "use only an index alloc returned");
    }

    @Test
    void with_tags_an_int_read_straddling_the_end_names_the_block_overflowed() {
        CheckedHeap heap = builder().taggedIndexes(true).build();
        int block = heap.alloc(20);
        Violation v = assertThrows(ViolationException.class, () -> heap.readInt(block + 18)).violation();
        assertThat(v.kind()).isEqualTo(Violation.Kind.OUT_OF_BOUNDS);
        assertThat(v.block().id()).isEqualTo(1);
        assertThat(v.report()).contains("18 bytes into the 20-byte block #1", "padding");
        assertThat(v.toString()).startsWith("heap-buffer-overflow: READ of 4 bytes at heap index 26 (tag ");
    }

    @Test
    void with_tags_an_index_just_past_the_heaps_end_names_its_block() {
        CheckedHeap heap = builder().taggedIndexes(true).build();
        int block = heap.alloc(16);
        Violation v = assertThrows(ViolationException.class, () -> heap.readInt(block + 24)).violation();
        assertThat(v.block().id()).isEqualTo(1);
        assertThat(v.report()).contains("32 is 8 bytes after the 16-byte block #1 [8, 24)", "past the heap");
    }

    @Test
    void with_tags_a_double_free_while_quarantined_is_a_plain_double_free() {
        CheckedHeap heap = builder().taggedIndexes(true).build();
        int block = heap.alloc(16);
        heap.dealloc(block);
        Violation v = assertThrows(ViolationException.class, () -> heap.dealloc(block)).violation();
        assertThat(v.kind()).isEqualTo(Violation.Kind.DOUBLE_FREE);
        assertThat(v.report()).startsWith("double-free: free of heap index 8 (tag ");
    }

    @Test
    void with_tags_an_index_whose_tag_no_block_carries_is_refused_as_stale() {
        CheckedHeap heap = builder().taggedIndexes(true).build();
        int block = heap.alloc(16);
        int forged = TaggedIndex.of(TaggedIndex.address(block), TaggedIndex.tag(block) % TaggedIndex.MAX_TAG + 1);
        Violation v = assertThrows(ViolationException.class, () -> heap.readInt(forged)).violation();
        assertThat(v.kind()).isEqualTo(Violation.Kind.USE_AFTER_FREE);
        assertThat(v.block()).isNull();
        assertThat(v.otherBlock().id()).isEqualTo(1);
        assertThat(v.report()).contains("belongs to no block still remembered", "freed long ago");
        assertThat(heap.readInt(TaggedIndex.address(block))).as("an index without a tag is checked untagged").isZero();
    }

    @Test
    void with_tags_a_stale_index_far_from_its_block_is_out_of_bounds_of_that_freed_block() {
        CheckedHeap heap = builder().taggedIndexes(true).quarantineBytes(0).build();
        int stale = heap.alloc(16);
        heap.dealloc(stale);
        int big = heap.alloc(400);
        Violation v = assertThrows(ViolationException.class, () -> heap.readInt(stale + 200)).violation();
        assertThat(v.kind()).isEqualTo(Violation.Kind.OUT_OF_BOUNDS);
        assertThat(v.block().id()).isEqualTo(1);
        assertThat(v.block().isFreed()).isTrue();
        assertThat(v.otherBlock().id()).isEqualTo(2);
        assertThat(heap.addressOf(big)).isEqualTo(heap.addressOf(stale));
    }

    @Test
    void with_tags_a_stale_free_whose_block_is_forgotten_still_spares_the_newer_block() {
        CheckedHeap heap = builder().taggedIndexes(true).quarantineBytes(0).historyBlocks(0).build();
        int stale = heap.alloc(16);
        heap.dealloc(stale);
        heap.alloc(16);
        Violation v = assertThrows(ViolationException.class, () -> heap.dealloc(stale)).violation();
        assertThat(v.kind()).isEqualTo(Violation.Kind.DOUBLE_FREE_AFTER_REUSE);
        assertThat(v.block()).isNull();
        assertThat(v.otherBlock().id()).isEqualTo(2);
        assertThat(v.advice()).contains("its block was freed already and block #2 now lives at 8");
        assertThat(heap.liveBlocks()).hasSize(1);
    }

    @Test
    void realloc_that_cannot_be_served_returns_null_and_keeps_the_old_block() {
        CheckedHeap heap = CheckedHeap.over(ReferenceAllocator.firstFit(HeapBytes.withMax(128)));
        int block = heap.alloc(16);
        heap.writeInt(block, 9);
        assertThat(heap.realloc(block, 1000)).isEqualTo(Allocator.NULL);
        assertThat(heap.readInt(block)).isEqualTo(9);
    }

    @Test
    void an_allocator_that_returns_an_index_outside_the_heap_is_refused_with_a_sentence() {
        HeapBytes bytes = HeapBytes.withMax(256);
        Allocator outside = new BumpForTests(bytes) {
            @Override
            public int alloc(int size) {
                super.alloc(size);
                return bytes.size();
            }
        };
        assertThatThrownBy(() -> CheckedHeap.over(outside).alloc(8)).isInstanceOf(KitException.class)
                .hasMessageContaining("alloc(8) returned 8, but the payload [8, 16) does not lie inside the heap [0, 8)");
    }

    @Test
    void a_picture_of_no_bytes_says_so() {
        CheckedHeap heap = builder().build();
        assertThat(heap.picture(0, 64)).isEqualTo("(the heap has no bytes in [0, 64))");
        heap.alloc(8);
        assertThat(heap.picture(0, 16)).contains("hhhhhhhhaaaaaaaa");
    }

    @Test
    void advice_can_be_replaced_by_the_program_that_knows_better() {
        CheckedHeap heap = builder().build();
        int block = heap.alloc(8);
        heap.dealloc(block);
        Violation v = assertThrows(ViolationException.class, () -> heap.readByte(block)).violation()
                .withAdvice("move dealloc after findHighestYear returns.");
        assertThat(v.report()).contains("What to do: move dealloc after findHighestYear returns.");
        assertThat(v.access().verb()).isEqualTo("read");
    }

    @Test
    void small_values_print_what_they_hold() {
        assertThat(TaggedIndex.describe(64)).isEqualTo("64");
        assertThat(TaggedIndex.describe(TaggedIndex.of(64, 3))).isEqualTo("64 (tag 3)");
        assertThat(Site.label(" ")).isSameAs(Site.UNKNOWN);
        assertThat(Site.UNKNOWN.isKnown()).isFalse();
        assertThat(Site.label("a")).isEqualTo(Site.label("a")).hasSameHashCodeAs(Site.label("a"));
        assertThat(Site.traceLine(3)).isEqualTo(Site.label("trace line 3")).isNotEqualTo(Site.traceLine(4));
        BlockRecord record = new BlockRecord(2, 64, 20, 24, 1, HeapEvent.alloc(20, 3, Site.UNKNOWN), null);
        assertThat(record).hasToString("block #2 [64, 84) from alloc(20) at step 3");
        assertThat(record.freedBy(HeapEvent.dealloc(64, 5, Site.UNKNOWN)))
                .hasToString("block #2 [64, 84) from alloc(20) at step 3, freed by dealloc(64) at step 5");
        assertThat(record.freedBy()).isNull();
        CheckedHeap heap = builder().build();
        heap.alloc(8);
        assertThat(heap.leakReport()).hasToString("in use at exit: 8 bytes in 1 block");
    }
}
