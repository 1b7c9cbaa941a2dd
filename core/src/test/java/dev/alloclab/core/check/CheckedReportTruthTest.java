package dev.alloclab.core.check;

import static dev.alloclab.core.check.Violation.Kind.DOUBLE_FREE;
import static dev.alloclab.core.check.Violation.Kind.INVALID_FREE;
import static dev.alloclab.core.check.Violation.Kind.OUT_OF_BOUNDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.alloclab.core.alloc.HeapRegion;
import dev.alloclab.core.alloc.ReferenceAllocator;
import dev.alloclab.core.memory.HeapBytes;
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

}
