package dev.alloclab.core.check;

import static dev.alloclab.core.check.Violation.Kind.DOUBLE_FREE;
import static dev.alloclab.core.check.Violation.Kind.INVALID_FREE;
import static dev.alloclab.core.check.Violation.Kind.OUT_OF_BOUNDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.alloclab.core.alloc.HeapRegion;
import dev.alloclab.core.alloc.ReferenceAllocator;
import dev.alloclab.core.memory.HeapBytes;
import dev.alloclab.core.vec.VecMetadata;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Each sentence and map a report prints must be true of the heap it describes. These are the cases a QA pass
 * found false or misleading: an overflow into the block's own padding said to run "into" the block itself, a
 * double free of a forgotten block called an index "alloc never returned", a map that cut the heap's last block
 * short, and an access just past the heap's top that lost its {@code ^} and its "N bytes past the block's end".
 * The allocator is the reference first fit: alloc(20) on an empty heap returns 8, with [28, 32) as padding.
 */
class CheckedReportTruthTest {

    private static CheckedHeap.Builder builder() {
        return CheckedHeap.builder(ReferenceAllocator.firstFit(HeapBytes.withMax(4096)));
    }

    @Test
    void with_tags_an_overflow_into_the_blocks_own_padding_says_padding_not_the_block_itself() {
        // GIVEN a tagged 20-byte block, which the allocator rounds to 24
        CheckedHeap heap = builder().taggedIndexes(true).build();
        int block = heap.alloc(20);
        // WHEN 24 bytes are written from its start (a memset one int too long)
        Violation v = assertThrows(ViolationException.class, () -> heap.writeRange(block, 24, 0)).violation();
        // THEN the bytes past the payload are the padding, as untagged mode says, and no second block is named
        assertThat(v.kind()).isEqualTo(OUT_OF_BOUNDS);
        assertThat(v.otherBlock()).isNull();
        assertThat(v.report())
                .contains("the access [8, 32) runs 4 bytes past the block's end, into padding the allocator added")
                .doesNotContain("which is live");
    }

    @Test
    void a_second_free_of_a_block_the_history_forgot_is_a_double_free_not_an_index_alloc_never_returned() {
        // GIVEN no quarantine and a history of one block: A is freed, then B is freed and pushes A out of the history
        CheckedHeap heap = builder().quarantineBytes(0).historyBlocks(1).build();
        int a = heap.at("first").alloc(16);
        heap.alloc(16);                                   // keeps A's hole from merging with what follows
        heap.dealloc(a);
        heap.dealloc(heap.alloc(64));
        // WHEN A is freed again
        Violation v = assertThrows(ViolationException.class, () -> heap.at("again").dealloc(a)).violation();
        // THEN it is a double free, said honestly: alloc did return 8, and the first free is no longer known
        assertThat(v.kind()).isEqualTo(DOUBLE_FREE);
        assertThat(v.block()).isNull();
        assertThat(v.report())
                .startsWith("double-free: free of heap index 8, a block that was already freed")
                .contains("8 was returned by alloc or realloc before, and no live block starts there now")
                .doesNotContain("never returned");
        assertThat(v.advice()).contains("remembers only the last 1 freed blocks", "Free each block exactly once");
    }

    @Test
    void with_tags_a_realloc_of_a_forgotten_block_is_a_double_free_with_realloc_advice() {
        // GIVEN tags, no quarantine, no history: a freed block is forgotten at once
        CheckedHeap heap = builder().taggedIndexes(true).quarantineBytes(0).historyBlocks(0).build();
        int a = heap.alloc(16);
        heap.alloc(16);
        heap.dealloc(a);
        // WHEN its tagged index is resized
        Violation v = assertThrows(ViolationException.class, () -> heap.realloc(a, 32)).violation();
        // THEN the tag this heap handed out is not called an index alloc never returned
        assertThat(v.kind()).isEqualTo(DOUBLE_FREE);
        assertThat(v.report()).startsWith("double-free: realloc of heap index 8 (tag 1)")
                .contains("nothing left to resize").doesNotContain("never returned");
    }

    @Test
    void an_index_where_no_block_ever_started_is_still_an_invalid_free_alloc_never_returned() {
        // GIVEN a heap whose only block started at 8
        CheckedHeap heap = builder().quarantineBytes(0).historyBlocks(0).build();
        heap.dealloc(heap.alloc(16));
        // WHEN 16, where no block ever started, is freed
        Violation v = assertThrows(ViolationException.class, () -> heap.dealloc(16)).violation();
        // THEN it is an invalid free, and "never returned" is true
        assertThat(v.kind()).isEqualTo(INVALID_FREE);
        assertThat(v.report()).contains("16 was never returned by alloc or realloc");
    }

    @Test
    void the_map_shows_the_heaps_last_block_whole() {
        // GIVEN a 40-byte block [8, 48) that ends where the heap ends
        CheckedHeap heap = builder().build();
        int block = heap.alloc(40);
        assertThat(heap.allocator().heap().size()).isEqualTo(block + 40);
        // WHEN the header at index 0 is freed
        Violation v = assertThrows(ViolationException.class, () -> heap.dealloc(0)).violation();
        // THEN the map reaches the heap's end: a map stopping at 17 drew a 9-byte block
        List<HeapRegion> map = v.neighbourhood();
        assertThat(map.get(map.size() - 1)).isEqualTo(new HeapRegion(8, 48, HeapRegion.Kind.LIVE));
        assertThat(map.get(0).from()).isZero();
    }

    @Test
    void a_read_just_past_the_heaps_top_keeps_its_marker_one_cell_past_the_end() {
        // GIVEN the only block, [8, 24), at the heap's top
        CheckedHeap heap = builder().build();
        int block = heap.alloc(16);
        // WHEN the classic i <= n loop reads byte 16
        Violation v = assertThrows(ViolationException.class, () -> heap.readByte(block + 16)).violation();
        // THEN the report places 24 after the block, says where the heap ends, and marks 24 on the map
        assertThat(v.report()).contains("24 is 0 bytes after the 16-byte block #1 [8, 24)",
                "the access runs past the heap's end: the heap holds [0, 24)");
        List<String> lines = v.report().lines().toList();
        int cells = lines.stream().filter(l -> l.startsWith("  heap  ")).findFirst().orElseThrow().indexOf("heap  ") + 6;
        assertThat(lines).anySatisfy(l -> assertThat(l).isEqualTo(" ".repeat(cells + 24) + "^ 24 this read"));
    }

    @Test
    void a_range_from_the_last_block_past_the_heaps_top_says_how_far_past_the_block_and_the_heaps_end() {
        // GIVEN a 32-byte block and a 16-byte block [48, 64) at the heap's top
        CheckedHeap heap = builder().build();
        int source = heap.alloc(32);
        int target = heap.alloc(16);
        // WHEN 32 bytes are copied into the 16-byte block
        Violation v = assertThrows(ViolationException.class, () -> heap.copy(source, target, 32)).violation();
        // THEN the report says by how much the block overflowed (as for a block not at the top), then the heap's end
        assertThat(v.report()).contains("the access [48, 80) runs 16 bytes past the block's end, and past the heap's "
                + "end: the heap holds [0, 64)");
    }

    @Test
    void caller_sites_name_the_programs_line_not_the_vec_helpers_it_called() {
        // GIVEN caller sites, and a copy of a vec's metadata kept while push moves the elements to a bigger block
        CheckedHeap heap = builder().captureCallerSites(true).build();
        VecMetadata years = VecMetadata.of(heap, 1995, 2000, 2005, 2010);
        VecMetadata stale = years;
        years.push(heap, 2015);
        // WHEN the stale copy is read
        Violation v = assertThrows(ViolationException.class, () -> stale.get(heap, 0)).violation();
        // THEN every site is this test's line that called the vec, never VecMetadata's own
        String here = CheckedReportTruthTest.class.getSimpleName() + ".";
        assertThat(v.kind()).isEqualTo(Violation.Kind.USE_AFTER_FREE);
        assertThat(List.of(v.site(), v.block().allocated().site(), v.block().freed().site()))
                .allSatisfy(site -> assertThat(site.toString()).startsWith(here));
    }

    @Test
    void a_use_of_the_old_index_after_realloc_moved_the_block_says_to_use_what_realloc_returned() {
        // GIVEN a block that realloc moved (the default checked heap always moves it)
        CheckedHeap heap = builder().build();
        int old = heap.alloc(16);
        int moved = heap.realloc(old, 64);
        // WHEN the old index is read
        Violation v = assertThrows(ViolationException.class, () -> heap.readInt(old)).violation();
        // THEN the advice names the new block and the fix, not "move the realloc"
        assertThat(v.kind()).isEqualTo(Violation.Kind.USE_AFTER_FREE);
        assertThat(v.advice()).startsWith("realloc(8, 64) moved the block at step 2 to " + moved + " (block #2): "
                + "use the index realloc returned").doesNotContain("Move realloc");
    }

    @Test
    void a_use_after_realloc_to_zero_bytes_says_realloc_freed_the_block() {
        // GIVEN a block given back by realloc(p, 0)
        CheckedHeap heap = builder().build();
        int old = heap.alloc(16);
        heap.realloc(old, 0);
        // WHEN the old index is written
        Violation v = assertThrows(ViolationException.class, () -> heap.writeInt(old, 1)).violation();
        // THEN the advice says what realloc to 0 bytes does
        assertThat(v.advice()).startsWith("realloc(8, 0) freed the block at step 2 and returned NULL (-1)")
                .doesNotContain("Move realloc");
    }
}
