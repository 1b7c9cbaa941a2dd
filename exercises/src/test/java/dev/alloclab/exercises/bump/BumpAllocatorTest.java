package dev.alloclab.exercises.bump;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.alloclab.core.alloc.Allocator;
import dev.alloclab.core.memory.HeapBytes;
import dev.alloclab.exercises.support.HeapHarness;
import dev.alloclab.exercises.support.HugeRequests;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/** Visible tests of the bump allocator. Instructions: docs/exercises/bump.md. */
class BumpAllocatorTest {
    private final HeapBytes heap = HeapBytes.withMax(1 << 16);
    private final BumpAllocator bump = new BumpAllocator(heap);

    @Test
    void blocks_follow_each_other_each_after_an_8_byte_header() {
        // GIVEN an empty heap
        // WHEN two blocks are allocated
        int first = bump.alloc(5);
        int second = bump.alloc(20);
        // THEN the first payload follows its header; its block takes alignUp(8 + 5, 8) = 16 bytes,
        // so the second block starts at 16 and its payload at 24
        assertThat(first).as("the first alloc's index (alloc(5) on an empty heap: its block starts at 0, its payload "
                + "after the 8-byte header)").isEqualTo(BumpAllocator.HEADER_BYTES);
        assertThat(second).as("the second alloc's index (block 1 is 16 bytes: an 8-byte header and 5 bytes rounded up "
                + "to 8; block 2 starts at 16, its payload after its own 8-byte header)")
                .isEqualTo(16 + BumpAllocator.HEADER_BYTES);
        // AND the heap grew by exactly the two blocks: 16 + alignUp(8 + 20, 8) = 48 bytes
        assertThat(heap.size()).as("heap().size() after alloc(5) and alloc(20): 16 + 32 bytes, headers included; sbrk "
                + "grows the heap by exactly the bytes a block lacks").isEqualTo(48);
        assertThat(bump.bytesInUse()).as("bytesInUse() after alloc(5) and alloc(20): the top, 16 + 32 bytes, headers "
                + "included").isEqualTo(48);
    }

    @Test
    void the_header_holds_the_block_size() {
        // GIVEN a block of 20 requested bytes
        int index = bump.alloc(20);
        // THEN the header at index - 8 holds its block size, alignUp(8 + 20, 8) = 32
        assertThat(heap.readInt(index - BumpAllocator.HEADER_BYTES)).as("the int in the header of alloc(20), at index "
                + "%d - 8: the block size alignUp(8 + 20, 8) = 32, header included (not the 20 bytes asked for)", index)
                .isEqualTo(32);
        assertThat(bump.usableSize(index)).as("usableSize(%d) after alloc(20): the 32-byte block minus its 8-byte "
                + "header", index).isEqualTo(24);
    }

    @Test
    void dealloc_gives_nothing_back_memory_only_grows() {
        // GIVEN a block that is deallocated
        int first = bump.alloc(16);
        bump.dealloc(first);
        // WHEN another block of the same size is asked for
        int second = bump.alloc(16);
        // THEN it is a new block further up: the "dealloc at the end" strategy in one allocator
        assertThat(second).as("the index of alloc(16) after alloc(16) returned %d and was deallocated: a bump "
                + "allocator never reuses a block, so it is further up", first).isGreaterThan(first);
        assertThat(bump.bytesInUse()).as("bytesInUse() after two alloc(16) (24-byte blocks) and a dealloc that gives "
                + "nothing back: 24 + 24").isEqualTo(48);
    }

    @Test
    void reset_frees_everything_at_once_and_the_heap_keeps_its_size() {
        // GIVEN three blocks
        int first = bump.alloc(8);
        bump.alloc(8);
        bump.alloc(8);
        int grown = heap.size();
        // WHEN the arena is reset
        bump.reset();
        // THEN allocation starts again at the bottom, reusing the bytes the heap already has
        assertThat(bump.bytesInUse()).as("bytesInUse() after reset(): the top is back at 0").isZero();
        assertThat(bump.alloc(8)).as("the index of alloc(8) after reset(): the first block again, at the bottom")
                .isEqualTo(first);
        assertThat(heap.size()).as("heap().size() after reset() and alloc(8): the heap keeps the %d bytes it grew to, "
                + "and the new block reuses them instead of growing it", grown).isEqualTo(grown);
        // AND a block that runs past those bytes grows the heap by exactly the bytes missing
        bump.alloc(48);
        assertThat(heap.size()).as("heap().size() after reset(), alloc(8) and alloc(48): that block runs past the %d "
                + "bytes the heap has, and sbrk grows it by exactly the bytes missing (not by the whole block), so the "
                + "heap ends where the block ends, at bytesInUse() %d", grown, bump.bytesInUse())
                .isEqualTo(bump.bytesInUse());
    }

    @Test
    void a_request_the_heap_cannot_hold_returns_null_and_changes_nothing() {
        // GIVEN a heap of at most 64 bytes holding one 32-byte block
        BumpAllocator small = new BumpAllocator(HeapBytes.withMax(64));
        small.alloc(24);
        // WHEN a block of 40 bytes (48 with its header) is asked for
        int index = small.alloc(40);
        // THEN alloc says "out of memory" with NULL and the heap did not grow
        assertThat(index).as("alloc(40) after alloc(24) on a heap of at most 64 bytes: 32 + 48 bytes do not fit, so "
                + "NULL (-1)").isEqualTo(Allocator.NULL);
        assertThat(small.heap().size()).as("heap().size() after the alloc(40) that returned NULL: a failed alloc must "
                + "not grow the heap (check that the block fits before you move the top or call sbrk)").isEqualTo(32);
        assertThat(small.bytesInUse()).as("bytesInUse() after the alloc(40) that returned NULL: a failed alloc must "
                + "change nothing").isEqualTo(32);
    }

    @Test
    void a_request_close_to_integer_max_value_returns_null_and_changes_nothing() {
        // GIVEN a heap of at most 64 bytes holding one 48-byte block
        BumpAllocator small = new BumpAllocator(HeapBytes.withMax(64));
        small.alloc(40);
        // WHEN Integer.MAX_VALUE bytes are asked for: with its header that is more than an int can count
        String setting = "after alloc(40) on a heap of at most 64 bytes";
        int index = HugeRequests.alloc(small, Integer.MAX_VALUE, setting, HugeRequests.ADVICE);
        // THEN alloc says "out of memory" with NULL, and nothing changed
        assertThat(index).as("alloc(%d), close to Integer.MAX_VALUE, %s: it cannot fit, so NULL (-1). %s",
                Integer.MAX_VALUE, setting, HugeRequests.ADVICE).isEqualTo(Allocator.NULL);
        assertThat(small.bytesInUse()).as("bytesInUse() after alloc(40) and an alloc(%d) that returned NULL: a failed "
                + "alloc must change nothing", Integer.MAX_VALUE).isEqualTo(48);
        assertThat(small.heap().size()).as("heap().size() after that failed alloc: a failed alloc must not grow the "
                + "heap").isEqualTo(48);
        // AND a small block still fits in the 16 bytes left
        assertThat(small.alloc(8)).as("payload index of alloc(8) after the failed alloc: its 16-byte block still fits "
                + "in the 16 bytes left, at 48").isEqualTo(56);
    }

    @Test
    void zero_bytes_is_null_and_a_negative_size_is_refused_with_a_sentence() {
        assertThat(bump.alloc(0)).as("alloc(0) must return NULL (-1) and take no bytes").isEqualTo(Allocator.NULL);
        assertThatThrownBy(() -> bump.alloc(-3), "alloc(-3): a negative size must throw IllegalArgumentException "
                + "(AllocationRequests.checkSize)").isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("alloc(-3)");
    }

    @Property(tries = 200)
    void payloads_are_aligned_inside_the_heap_disjoint_and_keep_their_bytes(
            @ForAll @Size(max = 40) List<@IntRange(min = -20, max = 300) Integer> ops) {
        HeapHarness.run(new BumpAllocator(HeapBytes.withMax(1 << 16)), ops);
    }
}
