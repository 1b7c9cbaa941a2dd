package dev.alloclab.core.check;

import static dev.alloclab.core.check.Violation.Kind.DOUBLE_FREE;
import static dev.alloclab.core.check.Violation.Kind.DOUBLE_FREE_AFTER_REUSE;
import static dev.alloclab.core.check.Violation.Kind.INVALID_FREE;
import static dev.alloclab.core.check.Violation.Kind.LEAK;
import static dev.alloclab.core.check.Violation.Kind.OUT_OF_BOUNDS;
import static dev.alloclab.core.check.Violation.Kind.USE_AFTER_FREE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.alloclab.core.KitException;
import dev.alloclab.core.alloc.Allocator;
import dev.alloclab.core.alloc.HeapRegion;
import dev.alloclab.core.alloc.ReferenceAllocator;
import dev.alloclab.core.memory.HeapBytes;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What the checked heap reports, one mistake per test. The allocator is the reference first fit:
 * an 8-byte header before each payload, requests rounded to 8, so alloc(20) on an empty heap
 * returns 8 with 24 usable bytes ([8, 28) asked for, [28, 32) padding) and the next block's
 * payload starts at 40.
 */
class CheckedHeapTest {

    private static CheckedHeap checked() {
        return CheckedHeap.over(ReferenceAllocator.firstFit(HeapBytes.withMax(4096)));
    }

    private static CheckedHeap.Builder builder() {
        return CheckedHeap.builder(ReferenceAllocator.firstFit(HeapBytes.withMax(4096)));
    }

    @Test
    void a_range_written_past_its_block_is_one_report_of_the_whole_access_and_writes_nothing() {
        // GIVEN a 20-byte block at 8 (padding to 32) and its neighbour at 40, written with a known byte
        CheckedHeap heap = CheckedHeap.builder(ReferenceAllocator.firstFit(HeapBytes.withMax(4096)))
                .onViolation(CheckedHeap.OnViolation.RECORD).build();
        int block = heap.alloc(20);
        int next = heap.alloc(16);
        heap.writeRange(next, 16, 7);
        // WHEN 40 bytes are written from the first block's start, as a memset would, and 24 are read back
        heap.writeRange(block, 40, 1);
        heap.readRange(block, 24);
        // THEN each range is one violation of its whole length, the report says by how much it overran, and the
        // write changed nothing (not even the bytes inside the block)
        assertThat(heap.violations()).extracting(Violation::kind, Violation::access, Violation::address, Violation::length)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(OUT_OF_BOUNDS, Violation.Access.WRITE, block, 40),
                        org.assertj.core.groups.Tuple.tuple(OUT_OF_BOUNDS, Violation.Access.READ, block, 24));
        String report = ViolationReport.render(heap.violations().get(0));
        assertThat(report).startsWith("heap-buffer-overflow: WRITE of 40 bytes at heap index " + block)
                .contains("the access [8, 48) runs 20 bytes past the block's end, into ")
                .doesNotContain("into the 20-byte block #1"); // the block itself is not what the access runs into
        assertThat(ViolationReport.render(heap.violations().get(1)))
                .contains("the access [8, 32) runs 4 bytes past the block's end, into ");
        assertThat(heap.readRange(next, 16)).isEqualTo(7 + 8 + 9 + 10 + 11 + 12 + 13 + 14 + 15 + 16 + 17 + 18 + 19 + 20 + 21 + 22);
        assertThat(heap.readByte(block)).isZero();
        assertThat(heap.step()).as("one step per call, however many bytes").isEqualTo(7);
    }

    @Test
    void reading_a_freed_block_is_reported_as_use_after_free_with_both_sites() {
        // GIVEN a block of five ints, written, then freed too early
        CheckedHeap heap = checked();
        int years = heap.at("Examples.getYears (Examples.java:41)").alloc(20);
        heap.writeInt(years + 12, 2010);
        heap.at("Examples.main (Examples.java:57)").dealloc(years);
        // WHEN the program still reads it
        heap.at("Examples.findHighestYear (Examples.java:66)");
        Violation v = assertThrows(ViolationException.class, () -> heap.readInt(years + 12)).violation();
        // THEN the report names what happened, where, and who allocated and freed the block
        assertThat(v.kind()).isEqualTo(USE_AFTER_FREE);
        assertThat(v.access()).isEqualTo(Violation.Access.READ);
        assertThat(v.address()).isEqualTo(years + 12);
        assertThat(v.length()).isEqualTo(4);
        assertThat(v.step()).isEqualTo(4);
        assertThat(v.site()).hasToString("Examples.findHighestYear (Examples.java:66)");
        assertThat(v.block().from()).isEqualTo(years);
        assertThat(v.block().to()).isEqualTo(years + 20);
        assertThat(v.block().allocatedBy()).isEqualTo("alloc(20)");
        assertThat(v.block().allocated().step()).isEqualTo(1);
        assertThat(v.block().allocated().site()).hasToString("Examples.getYears (Examples.java:41)");
        assertThat(v.block().freedBy()).isEqualTo("dealloc(" + years + ")");
        assertThat(v.block().freed().step()).isEqualTo(3);
        assertThat(v.block().freed().site()).hasToString("Examples.main (Examples.java:57)");
        assertThat(v.kind().lesson()).isEqualTo("docs/mistakes.md#use-after-free");
    }

    @Test
    void a_write_after_free_is_reported_and_not_performed() {
        // GIVEN a freed block whose bytes held 7, in RECORD mode
        CheckedHeap heap = builder().onViolation(CheckedHeap.OnViolation.RECORD).build();
        int block = heap.alloc(16);
        heap.writeInt(block, 7);
        heap.dealloc(block);
        // WHEN the program writes through the stale index
        heap.writeInt(block, 99);
        // THEN it is recorded as a WRITE use-after-free, and the bytes still hold 7
        assertThat(heap.violations()).singleElement().satisfies(v -> {
            assertThat(v.kind()).isEqualTo(USE_AFTER_FREE);
            assertThat(v.access()).isEqualTo(Violation.Access.WRITE);
            assertThat(v.block().from()).isEqualTo(block);
        });
        assertThat(heap.allocator().heap().readInt(block)).isEqualTo(7);
    }

    @Test
    void freeing_twice_is_a_double_free_naming_the_first_free() {
        // GIVEN a block freed at step 2
        CheckedHeap heap = checked();
        int block = heap.alloc(24);
        heap.at("first free").dealloc(block);
        // WHEN it is freed again
        Violation v = assertThrows(ViolationException.class, () -> heap.at("second free").dealloc(block)).violation();
        // THEN the report names the block and both frees
        assertThat(v.kind()).isEqualTo(DOUBLE_FREE);
        assertThat(v.access()).isEqualTo(Violation.Access.FREE);
        assertThat(v.block().from()).isEqualTo(block);
        assertThat(v.block().freed().step()).isEqualTo(2);
        assertThat(v.block().freed().site()).hasToString("first free");
        assertThat(v.site()).hasToString("second free");
        assertThat(v.step()).isEqualTo(3);
    }

    @Test
    void double_free_after_reuse_is_caught_with_tags_and_names_both_blocks() {
        // GIVEN tagged indexes, no quarantine, and a freed block whose address a newer block got
        CheckedHeap heap = builder().taggedIndexes(true).quarantineBytes(0).build();
        int stale = heap.alloc(20);
        heap.dealloc(stale);
        int newer = heap.alloc(20);
        assertThat(heap.addressOf(newer)).isEqualTo(heap.addressOf(stale));
        assertThat(newer).isNotEqualTo(stale);
        // WHEN the program frees the stale index again
        Violation v = assertThrows(ViolationException.class, () -> heap.dealloc(stale)).violation();
        // THEN both blocks are named, and the newer block is still live
        assertThat(v.kind()).isEqualTo(DOUBLE_FREE_AFTER_REUSE);
        assertThat(v.block().id()).isEqualTo(1);
        assertThat(v.block().isFreed()).isTrue();
        assertThat(v.otherBlock().id()).isEqualTo(2);
        assertThat(v.otherBlock().isFreed()).isFalse();
        assertThat(heap.liveBlocks()).extracting(BlockRecord::id).containsExactly(2);
        assertThat(v.report()).contains("block #1", "block #2", "was not performed");
    }

    @Test
    void without_tags_a_double_free_after_reuse_looks_legal_and_frees_the_newer_block() {
        // GIVEN no tags and no quarantine: the stale index equals the newer block's index
        CheckedHeap heap = builder().quarantineBytes(0).build();
        int stale = heap.alloc(20);
        heap.dealloc(stale);
        int newer = heap.alloc(20);
        assertThat(newer).isEqualTo(stale);
        // WHEN the stale index is freed again
        heap.dealloc(stale);
        // THEN nothing is reported then (the documented limit), but the newer block's owner is caught next
        assertThat(heap.violations()).isEmpty();
        Violation v = assertThrows(ViolationException.class, () -> heap.readInt(newer)).violation();
        assertThat(v.kind()).isEqualTo(USE_AFTER_FREE);
        assertThat(v.block().id()).isEqualTo(2);
    }

    @Test
    void the_quarantine_keeps_a_freed_address_from_being_handed_out_at_once() {
        // GIVEN the default quarantine, and a block freed
        CheckedHeap heap = checked();
        int first = heap.alloc(32);
        heap.dealloc(first);
        // WHEN the program allocates the same size again
        int second = heap.alloc(32);
        // THEN it gets another address, and the freed bytes are still poisoned
        assertThat(second).isNotEqualTo(first);
        assertThat(heap.quarantinedBytes()).isEqualTo(32);
        assertThatThrownBy(() -> heap.readByte(first)).isInstanceOf(ViolationException.class);
        // AND releasing the quarantine gives the block back to the allocator
        heap.releaseQuarantine();
        assertThat(heap.quarantinedBytes()).isZero();
        assertThat(heap.alloc(32)).isEqualTo(first);
    }

    @Test
    void when_memory_runs_out_the_quarantine_is_emptied_and_the_request_retried() {
        // GIVEN a heap with room for exactly one 64-byte block, quarantined after its free
        CheckedHeap heap = CheckedHeap.over(ReferenceAllocator.firstFit(HeapBytes.withMax(72)));
        int first = heap.alloc(64);
        heap.dealloc(first);
        // WHEN the program asks again
        int second = heap.alloc(64);
        // THEN it gets the block back rather than NULL
        assertThat(second).isEqualTo(first);
        assertThat(heap.alloc(64)).isEqualTo(Allocator.NULL);
        // AND the end-of-run report says the quarantine gave its blocks back early, and what that hides
        heap.dealloc(second);
        assertThat(heap.leakReport().notes()).singleElement().asString()
                .startsWith("the heap was full once (first at step 3)").contains("taggedIndexes(true)");
        assertThat(heap.leakReport().render()).contains("  note: the heap was full once");
        // AND a heap that never ran out says nothing of the kind
        CheckedHeap roomy = checked();
        roomy.dealloc(roomy.alloc(64));
        assertThat(roomy.leakReport().notes()).isEmpty();
    }

    @Test
    void freeing_inside_a_block_is_an_invalid_free_naming_the_block() {
        CheckedHeap heap = checked();
        int block = heap.alloc(40);
        Violation v = assertThrows(ViolationException.class, () -> heap.dealloc(block + 8)).violation();
        assertThat(v.kind()).isEqualTo(INVALID_FREE);
        assertThat(v.block().from()).isEqualTo(block);
        assertThat(v.report()).contains((block + 8) + " is 8 bytes into the 40-byte block #1");
        assertThat(heap.liveBlocks()).hasSize(1);
    }

    @Test
    void freeing_an_index_never_allocated_is_an_invalid_free_without_a_block() {
        CheckedHeap heap = checked();
        heap.alloc(8);
        Violation v = assertThrows(ViolationException.class, () -> heap.dealloc(3000)).violation();
        assertThat(v.kind()).isEqualTo(INVALID_FREE);
        assertThat(v.block()).isNull();
        assertThat(v.report()).contains("3000 is past the heap's end");
        // an index in the block's header was never returned by alloc either, but it lies next to a block: named
        Violation header = assertThrows(ViolationException.class, () -> heap.dealloc(0)).violation();
        assertThat(header.report()).contains("free of heap index 0, which is not the start of a block",
                "0 is 8 bytes before the 8-byte block #1 [8, 16)");
    }

    @Test
    void writing_one_byte_past_the_payload_is_out_of_bounds_of_that_block() {
        // GIVEN a 20-byte block (the allocator hands out 24)
        CheckedHeap heap = checked();
        int block = heap.alloc(20);
        // WHEN the program writes the 21st byte, which the allocator's padding holds
        Violation v = assertThrows(ViolationException.class, () -> heap.writeByte(block + 20, 1)).violation();
        // THEN it is a heap-buffer-overflow 0 bytes after the block
        assertThat(v.kind()).isEqualTo(OUT_OF_BOUNDS);
        assertThat(v.kind().slug()).isEqualTo("heap-buffer-overflow");
        assertThat(v.block().from()).isEqualTo(block);
        assertThat(v.report()).contains((block + 20) + " is 0 bytes after the 20-byte block #1", "padding");
    }

    @Test
    void an_int_read_straddling_the_payload_end_is_out_of_bounds() {
        CheckedHeap heap = checked();
        int block = heap.alloc(24);
        int neighbour = heap.alloc(24);
        Violation v = assertThrows(ViolationException.class, () -> heap.readInt(block + 22)).violation();
        assertThat(v.kind()).isEqualTo(OUT_OF_BOUNDS);
        assertThat(v.block().from()).isEqualTo(block);
        assertThat(v.report()).contains("22 bytes into the 24-byte block #1", "header");
        assertThat(neighbour).isGreaterThan(block);
    }

    @Test
    void a_range_that_runs_through_a_header_into_the_live_neighbour_names_the_header_and_the_neighbour() {
        for (boolean tagged : new boolean[] {false, true}) {
            // GIVEN two 16-byte blocks with the second one's header between them: [8, 24), header, [32, 48)
            CheckedHeap heap = builder().taggedIndexes(tagged).build();
            int first = heap.alloc(16);
            int second = heap.alloc(16);
            // WHEN the program reads 40 bytes from the first block, through the header into the second
            Violation v = assertThrows(ViolationException.class, () -> heap.readRange(first, 40)).violation();
            // THEN the report names what the bytes past the block are, in order: the header, then block #2
            assertThat(v.block().id()).as("tagged: %s", tagged).isEqualTo(1);
            assertThat(v.otherBlock().from()).as("tagged: %s", tagged).isEqualTo(heap.addressOf(second));
            assertThat(v.report()).as("tagged: %s", tagged).contains("  the access [8, 48) runs 24 bytes past the "
                    + "block's end, into the allocator's bookkeeping (a block header)\n"
                    + "    and on into the 16-byte block #2 [32, 48), which is live\n");
        }
    }

    @Test
    void an_off_by_one_into_a_header_laid_over_an_old_freed_block_is_an_overflow_not_a_use_after_free() {
        // GIVEN a 40-byte vec at [8, 48), freed after its last use, whose bytes two 16-byte vecs then take: [8, 24),
        // a header at [24, 32), [32, 48) (no quarantine, so the reuse is at once; the old block is still remembered)
        CheckedHeap heap = builder().quarantineBytes(0).build();
        int years = heap.alloc(40);
        heap.dealloc(years);
        int countdown = heap.alloc(16);
        int other = heap.alloc(16);
        assertThat(heap.addressOf(countdown)).isEqualTo(heap.addressOf(years));
        assertThat(heap.addressOf(other)).isEqualTo(heap.addressOf(countdown) + 24);
        // WHEN a print loop with i <= length reads one int past countdown, and another reads other[-1]
        Violation past = assertThrows(ViolationException.class, () -> heap.readInt(countdown + 16)).violation();
        Violation before = assertThrows(ViolationException.class, () -> heap.readByte(other - 1)).violation();
        // THEN each is the overflow ASan reports, naming the live block next to the header, not the old vec
        assertThat(past.kind()).isEqualTo(OUT_OF_BOUNDS);
        assertThat(past.block().id()).isEqualTo(2);
        assertThat(past.report()).contains("24 is 0 bytes after the 16-byte block #2 [8, 24)")
                .doesNotContain("freed");
        assertThat(before.kind()).isEqualTo(OUT_OF_BOUNDS);
        assertThat(before.block().id()).isEqualTo(3);
        assertThat(before.report()).contains("31 is 1 byte before the 16-byte block #3 [32, 48)");
    }

    @Test
    void with_tags_an_index_taken_below_address_0_is_reported_before_its_block_not_past_the_heaps_end() {
        // GIVEN a tagged 20-byte block at 8: its index is 8 plus its tag in bits 27..30
        CheckedHeap heap = builder().taggedIndexes(true).build();
        int p = heap.at("p = alloc(20)").alloc(20);
        // WHEN the program reads p[-9]: address -1, which borrows from the tag bits and reads as a huge address
        Violation v = assertThrows(ViolationException.class, () -> heap.readByte(p - 9)).violation();
        // THEN the report is ASan's "9 bytes to the left of 20-byte region", with the block's own tag
        assertThat(v.kind()).isEqualTo(OUT_OF_BOUNDS);
        assertThat(v.block().id()).isEqualTo(1);
        assertThat(v.address()).isEqualTo(-1);
        assertThat(v.report()).startsWith("heap-buffer-overflow: READ of 1 byte at heap index -1 (tag "
                        + TaggedIndex.tag(p) + ")")
                .contains("-1 is 9 bytes before the 20-byte block #1 [8, 28)")
                .doesNotContain("134217727");
    }

    @Test
    void a_byte_between_two_blocks_names_the_nearer_one_and_the_right_one_on_a_tie_as_asan_does() {
        // GIVEN p = [8, 24) and q = [32, 48), q's 8-byte header at [24, 32)
        CheckedHeap heap = checked();
        int p = heap.alloc(16);
        int q = heap.alloc(16);
        // WHEN the program reads q[-4], 4 bytes from either block, and q[-5], nearer p
        Violation tie = assertThrows(ViolationException.class, () -> heap.readByte(q - 4)).violation();
        Violation nearP = assertThrows(ViolationException.class, () -> heap.readByte(q - 5)).violation();
        // THEN the tie names q, as ASan's ChooseChunk does ("4 bytes to the left of"), the other names p
        assertThat(tie.block().from()).isEqualTo(q);
        assertThat(tie.report()).contains("28 is 4 bytes before the 16-byte block #2 [32, 48)");
        assertThat(nearP.block().from()).isEqualTo(p);
    }

    @Test
    void without_headers_b_minus_1_in_the_left_blocks_padding_names_b_when_b_is_nearer() {
        // GIVEN a 1-byte block at 0 (padded to 8) and b right after it at 8, from a headerless allocator
        CheckedHeap heap = CheckedHeap.builder(new BumpForTests(HeapBytes.withMax(256))).build();
        heap.alloc(1);
        int b = heap.alloc(8);
        assertThat(b).isEqualTo(8);
        // WHEN the program reads b[-1], the left block's last byte of padding
        Violation v = assertThrows(ViolationException.class, () -> heap.readByte(b - 1)).violation();
        // THEN the report names b, 1 byte before it, not the 1-byte block 6 bytes after its end
        assertThat(v.block().from()).isEqualTo(b);
        assertThat(v.report()).contains("7 is 1 byte before the 8-byte block #2 [8, 16)");
    }

    @Test
    void a_dealloc_of_an_index_in_a_blocks_header_names_that_block() {
        // GIVEN a 20-byte block at 8, its header at [0, 8)
        CheckedHeap heap = checked();
        int p = heap.alloc(20);
        // WHEN the program frees p - 4, an index into the header
        Violation v = assertThrows(ViolationException.class, () -> heap.dealloc(p - 4)).violation();
        // THEN, as ASan's "located 4 bytes to the left of 20-byte region", the report names the block
        assertThat(v.kind()).isEqualTo(INVALID_FREE);
        assertThat(v.block().from()).isEqualTo(p);
        assertThat(v.report()).contains("free of heap index 4, which is not the start of a block")
                .contains("4 is 4 bytes before the 20-byte block #1 [8, 28)")
                .contains("pass dealloc the index alloc returned for the block, 8, not an index before it.");
    }

    @Test
    void with_tags_an_overflow_into_a_touching_neighbour_names_the_neighbour() {
        // GIVEN a headerless layout: two 8-byte blocks that touch, from an allocator of bump style
        CheckedHeap heap = CheckedHeap.builder(new BumpForTests(HeapBytes.withMax(256))).taggedIndexes(true).build();
        int left = heap.alloc(8);
        int right = heap.alloc(8);
        assertThat(heap.addressOf(right)).isEqualTo(heap.addressOf(left) + 8);
        // WHEN the left block's index reads its ninth byte, the right block's first
        Violation v = assertThrows(ViolationException.class, () -> heap.readByte(left + 8)).violation();
        // THEN the left block overflowed into the right one
        assertThat(v.kind()).isEqualTo(OUT_OF_BOUNDS);
        assertThat(v.block().id()).isEqualTo(1);
        assertThat(v.otherBlock().id()).isEqualTo(2);
        assertThat(heap.readByte(right)).isZero();
    }

    @Test
    void reading_past_the_heaps_end_or_at_an_absurd_index_is_out_of_bounds_with_a_sentence() {
        CheckedHeap heap = checked();
        heap.alloc(16);
        for (int index : new int[] {4096, Integer.MAX_VALUE, -5, Integer.MIN_VALUE}) {
            ViolationException e = assertThrows(ViolationException.class, () -> heap.readInt(index));
            assertThat(e.violation().kind()).isEqualTo(OUT_OF_BOUNDS);
            assertThat(e.getMessage()).startsWith("heap-buffer-overflow: READ of 4 bytes at heap index " + index);
            assertThat(e.getMessage()).containsAnyOf("past the heap's end", "negative", "before the heap's start");
        }
    }

    @Test
    void an_access_a_few_hundred_bytes_outside_the_heap_names_the_nearest_block_as_asan_names_its_region() {
        // GIVEN a heap of one 20-byte block at 8 (ASan: "80 bytes to the right of 20-byte region")
        CheckedHeap heap = checked();
        int block = heap.alloc(20);
        // WHEN the program reads 80 bytes past its end, and 12 bytes before it (years[-3] without a header)
        String past = assertThrows(ViolationException.class, () -> heap.readInt(block + 100)).getMessage();
        String before = assertThrows(ViolationException.class, () -> heap.readInt(block - 12)).getMessage();
        // THEN each report names the block, where it was allocated, and where the heap is
        assertThat(past).contains("108 is 80 bytes after the 20-byte block #1 [8, 28)",
                "the access runs past the heap's end", "allocated by  alloc(20)  step 1");
        assertThat(before).contains("-4 is 12 bytes before the 20-byte block #1 [8, 28)",
                "the access runs before the heap's start", "allocated by  alloc(20)  step 1",
                "The access starts before the block: check the offset calculation")
                .doesNotContain("allocate a larger block");
        // AND a wild index is nobody's
        for (int wild : new int[] {block + 5000, -5000}) {
            Violation v = assertThrows(ViolationException.class, () -> heap.readInt(wild)).violation();
            assertThat(v.block()).as("block of %s", wild).isNull();
        }
        // BUT a tagged index that went far below 0 is still its block's: the tag says which
        CheckedHeap tagged = CheckedHeap.builder(ReferenceAllocator.firstFit(HeapBytes.withMax(4096)))
                .taggedIndexes(true).build();
        int mine = tagged.alloc(20);
        assertThat(assertThrows(ViolationException.class, () -> tagged.readInt(mine - 5000)).getMessage())
                .contains("-4992 is 5000 bytes before the 20-byte block #1 [8, 28)");
    }

    @Test
    void an_access_at_index_0_says_that_null_is_minus_1_here() {
        // GIVEN a program that writes C: 0 as NULL
        CheckedHeap heap = checked();
        heap.alloc(20);
        // WHEN it reads through 0, and frees 0
        String read = assertThrows(ViolationException.class, () -> heap.readInt(0)).getMessage();
        String free = assertThrows(ViolationException.class, () -> heap.dealloc(0)).getMessage();
        // THEN both reports say what NULL is here
        assertThat(read).contains("if 0 was meant as NULL: here NULL is -1");
        assertThat(free).contains("if 0 was meant as NULL: here NULL is -1");
    }

    @Test
    void an_index_far_outside_the_heap_gets_no_map_of_some_other_stretch() {
        // GIVEN a heap of one block, [0, 24) with its header
        CheckedHeap heap = checked();
        heap.alloc(16);
        // WHEN the program frees or reads at a negative index, or far past the heap's top
        for (int index : new int[] {-8, 408, -2000, 2408}) {
            String free = assertThrows(ViolationException.class, () -> heap.dealloc(index)).getMessage();
            String read = assertThrows(ViolationException.class, () -> heap.readInt(index)).getMessage();
            // THEN the report says where the index lies, and draws no map: none of the heap's stretches holds it
            assertThat(free).containsAnyOf("is negative", "past the heap's end", "before the heap's start")
                    .doesNotContain("  heap  ");
            assertThat(read).containsAnyOf("is negative", "past the heap's end", "before the heap's start")
                    .doesNotContain("  heap  ");
        }
        // AND an index just past the top still gets its map, with the ^ in a blank cell
        String justPast = assertThrows(ViolationException.class, () -> heap.readInt(28)).getMessage();
        assertThat(justPast).contains("  heap  ", "^ 28 this read");
    }

    @Test
    void an_access_said_to_start_from_a_block_names_that_block_even_outside_the_heap() {
        // GIVEN a block, and a read the program says starts from it (as a trace's rd line does)
        CheckedHeap heap = checked();
        int block = heap.alloc(16);
        // WHEN it reads 100,000 bytes before the block, and 100,000 bytes past it
        Violation before = assertThrows(ViolationException.class,
                () -> heap.accessesFrom(block).readInt(block - 100_000)).violation();
        Violation past = assertThrows(ViolationException.class,
                () -> heap.accessesFrom(block).readInt(block + 100_000)).violation();
        // THEN both reports name the block, say where the heap is, and draw no map
        assertThat(before.block().from()).isEqualTo(block);
        assertThat(before.report()).contains((block - 100_000) + " is 100000 bytes before the 16-byte block #1 [8, 24)",
                "  the access runs before the heap's start: the heap holds [0, 24)",
                "  allocated by  alloc(16)  step 1").doesNotContain("  heap  ");
        assertThat(past.block().from()).isEqualTo(block);
        assertThat(past.report()).contains("100008 is 99984 bytes after the 16-byte block #1 [8, 24)",
                "the access runs past the heap's end").doesNotContain("  heap  ");
        // AND without accessesFrom (or after NULL) a wild index names no block
        heap.accessesFrom(Allocator.NULL);
        assertThat(assertThrows(ViolationException.class, () -> heap.readInt(block - 100_000)).violation().block())
                .isNull();
    }

    @Test
    void reading_through_null_is_a_null_dereference_with_no_map_and_names_every_way_to_get_null() {
        // GIVEN a block and a NULL (alloc(0) returns NULL)
        CheckedHeap heap = checked();
        heap.alloc(16);
        int nothing = heap.alloc(0);
        // WHEN the program reads through NULL
        ViolationException e = assertThrows(ViolationException.class, () -> heap.readLong(nothing));
        // THEN it is a null dereference, not an overflow, and the report says where NULL comes from
        assertThat(e.violation().kind()).isEqualTo(Violation.Kind.NULL_DEREFERENCE);
        assertThat(e.getMessage()).startsWith("null-dereference: READ of 8 bytes at heap index -1 (NULL)")
                .contains("runs out or for 0 bytes", "realloc(p, 0)", "check alloc's and realloc's result for NULL",
                        "docs/mistakes.md#null-dereference")
                .doesNotContain("  heap  ");
    }

    @Test
    void alloc_of_0_bytes_is_a_step_and_an_allocation_in_the_summary_as_valgrind_counts_malloc_0() {
        // GIVEN a program that asks for 0 bytes, then for 8
        CheckedHeap heap = checked();
        heap.alloc(0);
        heap.dealloc(heap.alloc(8));
        // THEN both requests are steps and allocations: "0 allocs" would hide that the program made the call
        assertThat(heap.step()).isEqualTo(3);
        assertThat(heap.leakReport().render()).contains("total heap usage: 2 allocs, 1 frees, 8 bytes allocated");
    }

    @Test
    void the_summary_says_which_allocs_were_alloc_0_so_an_alloc_without_a_free_is_not_taken_for_a_leak() {
        // GIVEN a program that frees everything it got, alloc(0)'s NULL too (which does nothing)
        CheckedHeap heap = checked();
        int nothing = heap.alloc(0);
        heap.dealloc(nothing);
        heap.dealloc(heap.alloc(8));
        // WHEN it ends THEN the summary's one alloc without a free is explained: Valgrind, whose malloc(0) returns a
        // block, counts a free for it; here there is none to count
        assertThat(heap.leakReport().zeroSizeAllocs()).isEqualTo(1);
        assertThat(heap.leakReport().render()).contains("in use at exit: 0 bytes in 0 blocks\n"
                + "  total heap usage: 2 allocs, 1 frees, 8 bytes allocated (1 of the allocs was alloc(0): it returned "
                + "NULL, which needs no free)");
    }

    @Test
    void a_request_the_caller_refused_as_too_large_is_a_step_and_no_allocation() {
        // GIVEN a request no heap can hold, which the caller answers NULL itself (a trace replay does)
        CheckedHeap heap = checked();
        assertThat(heap.refusedRequest()).isEqualTo(Allocator.NULL);
        // WHEN the program then writes through that NULL
        Violation v = assertThrows(ViolationException.class, () -> heap.writeInt(Allocator.NULL, 1)).violation();
        // THEN the write is step 2, as it is after alloc(0) or an alloc the allocator had no room for
        assertThat(v.step()).isEqualTo(2);
        assertThat(heap.leakReport().allocations()).isZero();
    }

    @Test
    void freeing_null_is_a_no_op() {
        CheckedHeap heap = checked();
        heap.dealloc(Allocator.NULL);
        assertThat(heap.violations()).isEmpty();
        assertThat(heap.step()).isEqualTo(1);
    }

    @Test
    void a_negative_size_is_a_sentence_not_a_violation() {
        CheckedHeap heap = checked();
        assertThatThrownBy(() -> heap.alloc(-3)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("alloc(-3): size must be >= 0 bytes");
        assertThatThrownBy(() -> heap.realloc(Allocator.NULL, -1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("realloc(NULL, -1): size must be >= 0 bytes");
        int block = heap.alloc(8);
        assertThatThrownBy(() -> heap.realloc(block, -5)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("realloc(" + block + ", -5): size must be >= 0 bytes");
        assertThatThrownBy(() -> heap.copy(0, 8, -2)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("length must be >= 0 bytes");
        assertThatThrownBy(() -> heap.writeRange(block, -5, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("writeRange(" + block + ", -5): length must be >= 0 bytes");
        assertThatThrownBy(() -> heap.readRange(block, -5)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("readRange(" + block + ", -5): length must be >= 0 bytes");
        assertThat(heap.alloc(0)).isEqualTo(Allocator.NULL);
    }

    @Test
    void builder_refuses_bad_settings_with_a_sentence() {
        Allocator allocator = ReferenceAllocator.firstFit(HeapBytes.withMax(64));
        assertThatThrownBy(() -> CheckedHeap.builder(allocator).quarantineBytes(-1))
                .hasMessageContaining("quarantineBytes must be >= 0");
        assertThatThrownBy(() -> CheckedHeap.builder(ReferenceAllocator.firstFit(HeapBytes.withMax(Integer.MAX_VALUE)))
                .taggedIndexes(true).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("128 MiB");
        assertThatThrownBy(() -> CheckedHeap.over(null)).hasMessageContaining("allocator must not be null");
    }

    @Test
    void tagged_indexes_carry_the_tag_in_high_bits_and_offsets_keep_working() {
        CheckedHeap heap = builder().taggedIndexes(true).build();
        int index = heap.alloc(16);
        assertThat(TaggedIndex.tag(index)).isBetween(1, TaggedIndex.MAX_TAG);
        assertThat(TaggedIndex.address(index)).isEqualTo(ReferenceAllocator.HEADER_BYTES);
        heap.writeInt(index + 4, 42);
        heap.writeLong(index + 8, -1L);
        assertThat(heap.readInt(index + 4)).isEqualTo(42);
        assertThat(heap.readLong(index + 8)).isEqualTo(-1L);
        assertThat(heap.allocator().heap().readInt(ReferenceAllocator.HEADER_BYTES + 4)).isEqualTo(42);
        assertThat(TaggedIndex.describe(index)).isEqualTo("8 (tag " + TaggedIndex.tag(index) + ")");
    }

    @Test
    void with_tags_a_stale_read_after_reuse_is_use_after_free_naming_the_new_owner() {
        CheckedHeap heap = builder().taggedIndexes(true).quarantineBytes(0).build();
        int stale = heap.alloc(16);
        heap.dealloc(stale);
        int newer = heap.alloc(16);
        heap.writeInt(newer, 5);
        Violation v = assertThrows(ViolationException.class, () -> heap.readInt(stale)).violation();
        assertThat(v.kind()).isEqualTo(USE_AFTER_FREE);
        assertThat(v.block().id()).isEqualTo(1);
        assertThat(v.otherBlock().id()).isEqualTo(2);
        assertThat(v.report()).contains("the memory now belongs to the 16-byte block #2");
    }

    @Test
    void realloc_moves_the_block_keeps_the_prefix_and_poisons_the_old_index() {
        CheckedHeap heap = checked();
        int old = heap.alloc(8);
        heap.writeLong(old, 0x1122334455667788L);
        int moved = heap.realloc(old, 64);
        assertThat(moved).isNotEqualTo(old);
        assertThat(heap.readLong(moved)).isEqualTo(0x1122334455667788L);
        heap.writeLong(moved + 56, 1);
        Violation v = assertThrows(ViolationException.class, () -> heap.readLong(old)).violation();
        assertThat(v.kind()).isEqualTo(USE_AFTER_FREE);
        assertThat(v.block().freedBy()).isEqualTo("realloc(" + old + ", 64)");
        assertThat(heap.liveBlocks()).singleElement().satisfies(b -> assertThat(b.allocatedBy()).isEqualTo("realloc(" + old + ", 64)"));
        assertThat(heap.realloc(moved, 0)).isEqualTo(Allocator.NULL);
        assertThat(heap.liveBlocks()).isEmpty();
        assertThat(heap.realloc(Allocator.NULL, 8)).isNotEqualTo(Allocator.NULL);
    }

    @Test
    void realloc_of_a_freed_index_is_a_double_free_and_returns_null() {
        CheckedHeap heap = builder().onViolation(CheckedHeap.OnViolation.RECORD).build();
        int block = heap.alloc(8);
        heap.dealloc(block);
        assertThat(heap.realloc(block, 16)).isEqualTo(Allocator.NULL);
        assertThat(heap.violations()).extracting(Violation::kind).containsExactly(DOUBLE_FREE);
    }

    @Test
    void a_tagged_index_used_on_the_raw_heap_gets_a_hint_about_tags() {
        CheckedHeap tagged = builder().taggedIndexes(true).build();
        int index = tagged.alloc(16);
        assertThatThrownBy(() -> tagged.allocator().heap().readInt(index))
                .hasMessageContaining(index + " looks like a tagged index from a checked heap (address "
                        + tagged.addressOf(index) + ", tag 1)")
                .hasMessageContaining("checkedHeap.addressOf(index)");
        assertThat(tagged.allocator().heap().readInt(tagged.addressOf(index))).isZero();
    }

    @Test
    void an_allocators_own_exception_becomes_a_sentence_naming_the_call_and_a_null_heap_is_refused() {
        // GIVEN an allocator whose alloc throws an array index exception (a learner's off-by-one)
        Allocator broken = new BuggyAllocators.Wrapper(HeapBytes.withMax(256)) {
            @Override
            public int alloc(int size) {
                throw new ArrayIndexOutOfBoundsException(7);
            }
        };
        CheckedHeap heap = CheckedHeap.over(broken);
        // THEN the checked heap names the call, the step and the exception, and keeps it as the cause
        assertThatThrownBy(() -> heap.alloc(8)).isInstanceOf(dev.alloclab.core.KitException.class)
                .hasMessageStartingWith("the allocator threw ArrayIndexOutOfBoundsException in alloc(8) at step 1")
                .hasMessageContaining("validator").hasCauseInstanceOf(ArrayIndexOutOfBoundsException.class);
        // AND an allocator without a heap is refused when the checked heap is built, with a sentence
        Allocator headless = new BuggyAllocators.Wrapper(HeapBytes.withMax(256)) {
            @Override
            public HeapBytes heap() {
                return null;
            }
        };
        assertThatThrownBy(() -> CheckedHeap.over(headless)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("heap() (the HeapBytes it manages) must not be null");
    }

    @Test
    void the_reports_map_does_not_cut_a_block_it_can_show_whole() {
        // GIVEN a freed 20-byte block followed by a live 20-byte block (the worked example's shape)
        CheckedHeap heap = builder().onViolation(CheckedHeap.OnViolation.RECORD).build();
        int freed = heap.alloc(20);
        int live = heap.alloc(20);
        heap.dealloc(freed);
        // WHEN the freed block is read
        heap.readInt(freed);
        // THEN the map reaches the live block's end: a map cut 4 bytes into it read as a 4-byte block
        String report = heap.violations().get(0).report();
        String mapLine = report.lines().filter(line -> line.startsWith("  heap  ")).findFirst().orElseThrow();
        String cells = mapLine.substring("  heap  ".length());
        int liveCells = cells.length() - cells.replace("a", "").length();
        assertThat(liveCells).as(report).isEqualTo(20);
        assertThat(report).contains(String.valueOf(live + 20));
    }

    @Test
    void a_bad_realloc_is_reported_as_a_realloc_with_advice_about_realloc() {
        // GIVEN a freed block and a live one
        CheckedHeap heap = builder().onViolation(CheckedHeap.OnViolation.RECORD).build();
        int freed = heap.alloc(8);
        heap.dealloc(freed);
        int live = heap.alloc(32);
        // WHEN the program reallocs the freed index, then an index inside the live block
        heap.realloc(freed, 16);
        heap.realloc(live + 8, 64);
        // THEN each report names the realloc, not a free, and says what to call instead
        assertThat(heap.violations()).extracting(Violation::access).containsOnly(Violation.Access.REALLOC);
        String first = heap.violations().get(0).report();
        assertThat(first).startsWith("double-free: realloc of heap index " + freed)
                .contains("realloc here", "^ " + freed + " this realloc", "nothing left to resize")
                .doesNotContain("freed again here", "remove the second dealloc");
        assertThat(heap.violations().get(1).report()).startsWith("invalid-free: realloc of heap index " + (live + 8))
                .contains("pass realloc the index alloc returned for the block, " + live);
    }

    @Test
    void copy_checks_both_ranges() {
        CheckedHeap heap = builder().onViolation(CheckedHeap.OnViolation.RECORD).build();
        int from = heap.alloc(16);
        int to = heap.alloc(16);
        heap.writeLong(from, 77);
        heap.copy(from, to, 16);
        assertThat(heap.readLong(to)).isEqualTo(77);
        heap.copy(from, to, 17);
        heap.copy(from + 4, to, 16);
        assertThat(heap.violations()).extracting(Violation::kind, Violation::access).containsExactly(
                org.assertj.core.groups.Tuple.tuple(OUT_OF_BOUNDS, Violation.Access.READ),
                org.assertj.core.groups.Tuple.tuple(OUT_OF_BOUNDS, Violation.Access.READ));
        heap.copy(from, to + 4, 16);
        assertThat(heap.violations()).last().extracting(Violation::access).isEqualTo(Violation.Access.WRITE);
        heap.copy(from, to, 0);
        assertThat(heap.violations()).hasSize(3);
    }

    @Test
    void leaks_list_every_live_block_with_its_allocation_site_and_a_summary() {
        // GIVEN a program that frees one of three blocks
        CheckedHeap heap = checked();
        heap.atTraceLine(5).alloc(20);
        int freed = heap.atTraceLine(6).alloc(8);
        heap.atTraceLine(7).alloc(24);
        heap.dealloc(freed);
        // WHEN it ends
        LeakReport report = heap.leakReport();
        // THEN the two live blocks are leaks, with their trace lines, and the summary adds them up
        assertThat(heap.leaks()).extracting(Violation::kind).containsOnly(LEAK);
        assertThat(report.leaks()).extracting(v -> v.block().allocated().site().traceLine()).containsExactly(5, 7);
        assertThat(report.bytesInUse()).isEqualTo(44);
        assertThat(report.blocksInUse()).isEqualTo(2);
        assertThat(report.summaryLine()).isEqualTo("in use at exit: 44 bytes in 2 blocks");
        assertThat(report.render()).contains("total heap usage: 3 allocs, 1 frees, 52 bytes allocated",
                "leak: 20 bytes in block #1 [8, 28) were never freed", "trace line 5", "Lesson: docs/mistakes.md#leak");
        assertThat(report.hasLeaks()).isTrue();
    }

    @Test
    void many_leaks_from_one_place_are_one_entry_with_their_count_and_other_places_keep_their_own() {
        // GIVEN a loop of 1,000 rounds that forgets one dealloc, and one more leak from another place
        CheckedHeap heap = CheckedHeap.over(ReferenceAllocator.firstFit(HeapBytes.withMax(1 << 20)));
        for (int round = 0; round < 1000; round++) {
            heap.at("loop").alloc(24);
            heap.dealloc(heap.at("loop").alloc(8));
        }
        heap.at("setup").alloc(100);
        // WHEN it ends
        String report = heap.leakReport().render();
        // THEN the loop's 1,000 blocks are one entry (count, bytes, call, steps, place, the first blocks), the other
        // leak its own, and the report stays short
        assertThat(report).contains("in use at exit: 24100 bytes in 1001 blocks",
                "leak: 24000 bytes in 1000 blocks were never freed, all allocated at one place",
                "  allocated by  alloc(24) each  steps 1 to 2998  loop",
                "  blocks        block #1 [8, 32), block #3 [",
                " and 997 more",
                "leak: 100 bytes in block #2001 [");
        assertThat(report.lines().count()).isLessThan(20);
    }

    @Test
    void up_to_ten_leaks_are_listed_one_by_one_even_from_one_place() {
        // GIVEN three leaks from one place (the teaching programs' size)
        CheckedHeap heap = checked();
        for (int round = 0; round < 3; round++) {
            heap.at("getYears").alloc(20);
        }
        // THEN each block has its own entry, as docs/mistakes.md shows
        assertThat(heap.leakReport().render()).contains("leak: 20 bytes in block #1 [", "leak: 20 bytes in block #2 [",
                "leak: 20 bytes in block #3 [").doesNotContain("all allocated at one place");
    }

    @Test
    void a_program_that_frees_everything_has_no_leaks() {
        CheckedHeap heap = checked();
        heap.dealloc(heap.alloc(8));
        assertThat(heap.leakReport().hasLeaks()).isFalse();
        assertThat(heap.leakReport().render()).contains("in use at exit: 0 bytes in 0 blocks", "no leaks");
    }

    @Test
    void record_mode_records_each_mistake_skips_it_and_goes_on() {
        CheckedHeap heap = builder().onViolation(CheckedHeap.OnViolation.RECORD).build();
        int block = heap.alloc(8);
        heap.dealloc(block);
        heap.dealloc(block);
        assertThat(heap.readInt(block)).isZero();
        int next = heap.alloc(8);
        heap.writeInt(next, 3);
        assertThat(heap.readInt(next)).isEqualTo(3);
        assertThat(heap.violations()).extracting(Violation::kind).containsExactly(DOUBLE_FREE, USE_AFTER_FREE);
        assertThat(heap.violations()).extracting(Violation::step).containsExactly(3, 4);
    }

    @Test
    void a_heap_that_was_never_told_its_sites_says_once_how_to_get_them_instead_of_leaving_a_blank_column() {
        // GIVEN a heap built with over(...) and never labelled with at(...)
        CheckedHeap heap = checked();
        int block = heap.alloc(16);
        heap.dealloc(block);
        // WHEN the program reads the freed block
        String report = assertThrows(ViolationException.class, () -> heap.readInt(block)).getMessage();
        // THEN the history has no site column, and one line under it says how to get one
        String hint = "  no site: label the calls with heap.at(\"...\") or build the heap with captureCallerSites(true)";
        assertThat(report).contains("  allocated by  alloc(16)   step 1\n  freed by      dealloc(8)  step 2\n"
                + "  read here                 step 3\n" + hint);
        assertThat(report.split(java.util.regex.Pattern.quote(hint), -1)).hasSize(2);
        // AND the leak report of such a heap says it once for all its blocks, a labelled one not at all
        CheckedHeap leaky = checked();
        leaky.alloc(8);
        leaky.alloc(8);
        assertThat(leaky.leakReport().render().split(java.util.regex.Pattern.quote(hint), -1)).hasSize(2);
        CheckedHeap labelled = checked();
        labelled.at("main").alloc(8);
        assertThat(labelled.leakReport().render()).doesNotContain("no site");
    }

    @Test
    void caller_sites_name_the_calling_method_and_line() {
        CheckedHeap heap = builder().captureCallerSites(true).build();
        int block = heap.alloc(8);
        heap.dealloc(block);
        Violation v = assertThrows(ViolationException.class, () -> heap.dealloc(block)).violation();
        assertThat(v.block().allocated().site().toString())
                .startsWith("CheckedHeapTest.caller_sites_name_the_calling_method_and_line (CheckedHeapTest.java:");
    }

    @Test
    void an_allocator_that_hands_out_a_live_block_twice_is_refused_with_a_sentence() {
        Allocator broken = new BumpForTests(HeapBytes.withMax(256)) {
            @Override
            public int alloc(int size) {
                int index = super.alloc(size);
                return index == 0 ? 0 : 0; // always the first block
            }
        };
        CheckedHeap heap = CheckedHeap.over(broken);
        heap.alloc(8);
        assertThatThrownBy(() -> heap.alloc(8)).isInstanceOf(KitException.class)
                .hasMessageContaining("the allocator broke its contract")
                .hasMessageContaining("overlaps a block that is live");
    }

    @Test
    void regions_merge_the_allocators_view_with_live_padding_and_quarantined_bytes() {
        CheckedHeap heap = checked();
        int kept = heap.alloc(20);
        int freed = heap.alloc(8);
        heap.dealloc(freed);
        assertThat(heap.regions()).containsExactly(
                new HeapRegion(0, 8, HeapRegion.Kind.HEADER),
                new HeapRegion(8, 28, HeapRegion.Kind.LIVE),
                new HeapRegion(28, 32, HeapRegion.Kind.PADDING),
                new HeapRegion(32, 40, HeapRegion.Kind.HEADER),
                new HeapRegion(40, 48, HeapRegion.Kind.QUARANTINED));
        assertThat(kept).isEqualTo(8);
        assertThat(heap.picture(0, 48)).contains("hhhhhhhhaaaaaaaaaaaaaaaaaaaapppphhhhhhhhffffffff");
        assertThat(heap.liveBlockContaining(30).id()).isEqualTo(1);
        assertThat(heap.liveBlockContaining(44)).isNull();
        assertThat(heap.liveBytes()).isEqualTo(20);
    }

    /** The first-fit allocator with its own description of the heap replaced by {@code view}. */
    private static Allocator describingItselfAs(java.util.function.Supplier<List<HeapRegion>> view) {
        return new BuggyAllocators.Wrapper(HeapBytes.withMax(4096)) {
            @Override
            public List<HeapRegion> regions() {
                return view.get();
            }
        };
    }

    @Test
    void an_allocator_whose_own_view_of_the_heap_is_broken_is_drawn_from_what_the_checked_heap_knows() {
        // a learner's allocator that corrupted its heap describes it wrongly: its walk throws, or its regions run
        // backwards or past the heap's end (measure draws such allocators step by step)
        List<java.util.function.Supplier<List<HeapRegion>>> brokenViews = List.of(
                () -> {
                    throw new IllegalArgumentException("a region needs 0 <= from <= to, but was [184, 176)");
                },
                () -> List.of(new HeapRegion(16, 24, HeapRegion.Kind.FREE), new HeapRegion(0, 8, HeapRegion.Kind.HEADER)),
                () -> List.of(new HeapRegion(0, 8, HeapRegion.Kind.HEADER), new HeapRegion(8, 1 << 20, HeapRegion.Kind.FREE)));
        for (java.util.function.Supplier<List<HeapRegion>> view : brokenViews) {
            CheckedHeap heap = CheckedHeap.over(describingItselfAs(view));
            int live = heap.alloc(20);
            int freed = heap.alloc(8);
            heap.dealloc(freed);
            // THEN pictures still come: the live payload, its padding and the quarantined block, from the shadow
            assertThat(heap.regions()).contains(new HeapRegion(live, live + 20, HeapRegion.Kind.LIVE),
                    new HeapRegion(freed, freed + 8, HeapRegion.Kind.QUARANTINED));
            assertThat(heap.picture(0, heap.regions().get(heap.regions().size() - 1).to())).contains("aaaa");
            // AND a mistake is still reported, naming its block
            Violation v = assertThrows(ViolationException.class, () -> heap.readByte(freed)).violation();
            assertThat(v.kind()).isEqualTo(USE_AFTER_FREE);
            assertThat(v.report()).contains("freed by");
        }
    }

    @Test
    void a_block_the_quarantine_gave_back_is_the_allocators_in_pictures_and_still_a_use_after_free() {
        // GIVEN blocks A and B freed into a quarantine that holds one block: A is given back
        CheckedHeap heap = builder().quarantineBytes(8).build();
        int a = heap.alloc(8);
        int b = heap.alloc(8);
        heap.dealloc(a);
        heap.dealloc(b);
        assertThat(heap.quarantinedBytes()).isEqualTo(8);
        // THEN the picture shows A's bytes as the allocator's (free), B's as quarantined
        assertThat(heap.regions()).contains(new HeapRegion(a, a + 8, HeapRegion.Kind.FREE),
                new HeapRegion(b, b + 8, HeapRegion.Kind.QUARANTINED));
        // AND a stale read of A is still a use-after-free naming A
        Violation v = assertThrows(ViolationException.class, () -> heap.readByte(a + 3)).violation();
        assertThat(v.kind()).isEqualTo(USE_AFTER_FREE);
        assertThat(v.block().from()).isEqualTo(a);
        assertThat(v.block().freedBy()).isEqualTo("dealloc(" + a + ")");
        // AND once the allocator hands A's bytes out again, they are the new block's
        int again = heap.alloc(8);
        assertThat(again).isEqualTo(a);
        heap.writeLong(again, 1);
        assertThat(heap.readLong(again)).isEqualTo(1);
    }
}
