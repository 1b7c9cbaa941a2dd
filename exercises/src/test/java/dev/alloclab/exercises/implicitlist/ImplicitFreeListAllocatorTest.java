package dev.alloclab.exercises.implicitlist;

import static dev.alloclab.exercises.implicitlist.ImplicitFreeListAllocator.FIRST_BLOCK;
import static dev.alloclab.exercises.implicitlist.ImplicitFreeListAllocator.blockSize;
import static dev.alloclab.exercises.implicitlist.ImplicitFreeListAllocator.isAllocated;
import static dev.alloclab.exercises.implicitlist.ImplicitFreeListAllocator.pack;
import static org.assertj.core.api.Assertions.assertThat;

import dev.alloclab.core.alloc.Allocator;
import dev.alloclab.core.memory.HeapBytes;
import dev.alloclab.exercises.support.EdgeRequests;
import dev.alloclab.exercises.support.HeapHarness;
import dev.alloclab.exercises.support.HugeRequests;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/** Visible tests of the implicit free list. Instructions: docs/exercises/implicit-list.md. */
class ImplicitFreeListAllocatorTest {
    private final HeapBytes heap = HeapBytes.withMax(1 << 16);
    private final ImplicitFreeListAllocator allocator = new ImplicitFreeListAllocator(heap);

    @Test
    void a_block_is_header_payload_footer_rounded_up_to_8() {
        // a request needs 4 + size + 4 bytes, rounded up to 8, and never less than 16
        assertThat(ImplicitFreeListAllocator.blockSizeFor(1)).as("blockSizeFor(1): 4 + 1 + 4 = 9, rounded up to 8 is "
                + "16, which is also the minimum").isEqualTo(16);
        assertThat(ImplicitFreeListAllocator.blockSizeFor(8)).as("blockSizeFor(8): 4 + 8 + 4 = 16").isEqualTo(16);
        assertThat(ImplicitFreeListAllocator.blockSizeFor(9)).as("blockSizeFor(9): 4 + 9 + 4 = 17, rounded up to 8")
                .isEqualTo(24);
        assertThat(ImplicitFreeListAllocator.blockSizeFor(20)).as("blockSizeFor(20): 4 + 20 + 4 = 28, rounded up to 8")
                .isEqualTo(32);
    }

    @Test
    void the_first_block_has_its_size_and_allocated_bit_in_header_and_footer() {
        // GIVEN an empty heap
        // WHEN 20 bytes are allocated
        int index = allocator.alloc(20);
        // THEN the block starts after the 4 padding bytes, its payload 4 bytes later (8-aligned)
        assertThat(index).as("the payload index of the first alloc(20): the block starts at FIRST_BLOCK (%d, after "
                + "the 4 padding bytes) and its payload after the 4-byte header", FIRST_BLOCK).isEqualTo(FIRST_BLOCK + 4);
        // AND header (at 4) and footer (at 4 + 32 - 4) both say "32 bytes, allocated"
        assertHeap(4, pack(32, true));
        assertHeap(32, pack(32, true));
        // AND the heap grew by exactly the padding and the block
        assertThat(heap.size()).as("heap().size() after the first alloc(20): the 4 padding bytes and the 32-byte "
                + "block; sbrk grows by exactly that").isEqualTo(36);
        assertThat(allocator.usableSize(index)).as("usableSize of the 32-byte block: its size minus the 4-byte header "
                + "and the 4-byte footer").isEqualTo(24);
    }

    @Test
    void first_fit_takes_the_first_free_block_that_is_big_enough() {
        // GIVEN two free 48-byte blocks, each followed by a live one
        int a = allocator.alloc(40);
        allocator.alloc(8);
        int c = allocator.alloc(40);
        allocator.alloc(8);
        allocator.dealloc(c);
        allocator.dealloc(a);
        // WHEN 40 bytes are asked for
        // THEN the lower one is taken, whichever was freed first
        assertThat(allocator.alloc(40)).as("alloc(40) with two free 48-byte blocks, at %d and at %d (freed first): "
                + "first fit walks from the heap's start and takes the first that fits", a, c).isEqualTo(a);
    }

    @Test
    void a_big_free_block_is_split_and_the_rest_stays_free_right_after() {
        // GIVEN a free 64-byte block followed by a live one
        int a = allocator.alloc(56);
        allocator.alloc(8);
        allocator.dealloc(a);
        // WHEN 8 bytes are asked for
        int x = allocator.alloc(8);
        // THEN the front 16 bytes are used, and a free block of 48 starts right after
        assertThat(x).as("alloc(8) with a free 64-byte block at %d: first fit takes it, and its front becomes the new "
                + "block", a).isEqualTo(a);
        assertHeap(a - 4, pack(16, true));
        assertHeap(a - 4 + 16, pack(48, false));
        assertHeap(a - 4 + 64 - 4, pack(48, false));
        // AND the next small request is served from that rest
        assertThat(allocator.alloc(8)).as("the next alloc(8): served from the 48-byte rest the split left right "
                + "after the 16-byte block").isEqualTo(a + 16);
        // AND a rest of exactly 16 bytes (MIN_BLOCK) is split off too: split when at least 16 bytes would be left
        HeapBytes other = HeapBytes.withMax(1 << 16);
        ImplicitFreeListAllocator exact = new ImplicitFreeListAllocator(other);
        int b = exact.alloc(24);
        exact.alloc(8);
        exact.dealloc(b);
        assertThat(exact.alloc(8)).as("alloc(8) with a free 32-byte block at %d", b).isEqualTo(b);
        assertThat(other.readInt(b - 4)).as("the header of that block after alloc(8) took it: a 16-byte block, since "
                + "the 16 bytes left are exactly MIN_BLOCK and are split off (at least 16, not more than 16)")
                .isEqualTo(pack(16, true));
        assertThat(other.readInt(b - 4 + 16)).as("the header right after it: the free 16-byte rest")
                .isEqualTo(pack(16, false));
    }

    @Test
    void freeing_the_middle_of_three_free_neighbours_makes_one_block() {
        // GIVEN three 16-byte blocks and a guard; the outer two are free
        int a = allocator.alloc(8);
        int b = allocator.alloc(8);
        int c = allocator.alloc(8);
        allocator.alloc(8);
        allocator.dealloc(a);
        allocator.dealloc(c);
        // WHEN the middle one is freed
        allocator.dealloc(b);
        // THEN the footer of the left neighbour and the header of the right one let it merge both:
        // one free block of 48 bytes
        assertHeap(a - 4, pack(48, false));
        assertHeap(a - 4 + 48 - 4, pack(48, false));
        assertThat(allocator.alloc(40)).as("alloc(40) (a 48-byte block) after the three neighbours were merged: it "
                + "fits exactly in the merged block at %d", a).isEqualTo(a);
    }

    @Test
    void growing_the_heap_reuses_a_free_block_at_its_end() {
        // GIVEN a heap ending with a free 32-byte block
        allocator.alloc(8);
        int b = allocator.alloc(24);
        allocator.dealloc(b);
        assertThat(heap.size()).as("heap().size() after alloc(8), alloc(24) and freeing the second: the padding and "
                + "blocks of 16 and 32").isEqualTo(4 + 16 + 32);
        // WHEN 56 bytes (a 64-byte block) are asked for
        int x = allocator.alloc(56);
        // THEN the free block is extended by the 32 bytes it lacks
        assertThat(x).as("alloc(56) when the heap ends with a free 32-byte block at %d: grow the heap by the 32 bytes "
                + "that block lacks and use it, rather than a new block after it", b).isEqualTo(b);
        assertThat(heap.size()).as("heap().size() after that alloc(56): the free block at the end was extended by "
                + "exactly the 32 bytes it lacked").isEqualTo(4 + 16 + 64);
    }

    @Test
    void out_of_memory_is_null_and_zero_bytes_is_null() {
        ImplicitFreeListAllocator small = new ImplicitFreeListAllocator(HeapBytes.withMax(64));
        assertThat(small.alloc(100)).as("alloc(100) on a heap of at most 64 bytes: its 112-byte block cannot fit, "
                + "so NULL (-1)").isEqualTo(Allocator.NULL);
        assertThat(small.alloc(0)).as("alloc(0): no block, NULL (-1)").isEqualTo(Allocator.NULL);
        assertThat(small.alloc(40)).as("alloc(40) on that heap after the two NULL answers: its 48-byte block fits "
                + "beside the 4 padding bytes").isNotEqualTo(Allocator.NULL);
    }

    @Test
    void a_request_close_to_integer_max_value_returns_null_and_changes_nothing() {
        // GIVEN a heap of at most 64 KiB holding one 32-byte block
        ImplicitFreeListAllocator small = new ImplicitFreeListAllocator(HeapBytes.withMax(1 << 16));
        int first = small.alloc(24);
        // WHEN Integer.MAX_VALUE bytes are asked for: with header and footer that is more than an int can count
        String setting = "after alloc(24) on a heap of at most 64 KiB";
        int index = HugeRequests.alloc(small, Integer.MAX_VALUE, setting, HugeRequests.INT_BLOCK_SIZE_ADVICE);
        // THEN alloc says "out of memory" with NULL, and nothing changed
        assertThat(index).as("alloc(%d), close to Integer.MAX_VALUE, %s: no block that big fits, so NULL (-1). %s",
                Integer.MAX_VALUE, setting, HugeRequests.INT_BLOCK_SIZE_ADVICE).isEqualTo(Allocator.NULL);
        assertThat(small.heap().size()).as("heap().size() after alloc(24) and an alloc(%d) that returned NULL: the "
                + "4 padding bytes and the 32-byte block; a failed alloc must not grow the heap", Integer.MAX_VALUE)
                .isEqualTo(4 + 32);
        assertThat(small.alloc(8)).as("payload index of alloc(8) after alloc(24) and the NULL answer: that request "
                + "changed nothing, so the new block follows the 32-byte block of alloc(24)").isEqualTo(first + 32);
    }

    @Test
    void alloc_zero_dealloc_null_and_a_request_near_integer_max_value_change_nothing() {
        EdgeRequests.check(allocator, "a fresh implicit list", HugeRequests.INT_BLOCK_SIZE_ADVICE);
    }

    @Property(tries = 300)
    void payloads_are_aligned_inside_the_heap_disjoint_and_keep_their_bytes(
            @ForAll @Size(max = 60) List<@IntRange(min = -30, max = 300) Integer> ops) {
        HeapHarness.run(new ImplicitFreeListAllocator(HeapBytes.withMax(1 << 18)), ops);
    }

    @Property(tries = 300)
    void the_blocks_tile_the_heap_header_equals_footer_and_no_two_free_blocks_touch(
            @ForAll @Size(max = 60) List<@IntRange(min = -30, max = 300) Integer> ops) {
        ImplicitFreeListAllocator implicit = new ImplicitFreeListAllocator(HeapBytes.withMax(1 << 18));
        HeapHarness harness = HeapHarness.run(implicit, ops);
        HeapBytes bytes = implicit.heap();
        boolean previousFree = false;
        int block = FIRST_BLOCK;
        while (block < bytes.size()) {
            int header = bytes.readInt(block);
            int size = blockSize(header);
            if (size < ImplicitFreeListAllocator.MIN_BLOCK) {
                throw harness.failure("block at " + block + " has size " + size + " in its header, below MIN_BLOCK "
                        + "(16): " + (size > 0 ? "did a split leave a remainder smaller than 16? Split only when at "
                        + "least 16 bytes would be left." : "is a header written there? The walk steps by each "
                        + "header's size."), block, block + 16);
            }
            if ((long) block + size > bytes.size()) {
                throw harness.failure("block at " + block + " has size " + size + ", so it ends at "
                        + ((long) block + size) + ", past the heap's end at " + bytes.size() + ": the last block must "
                        + "end where the heap ends.", block, bytes.size());
            }
            int footer = bytes.readInt(block + size - 4);
            if (footer != header) {
                throw harness.failure("the footer of block [" + block + ", " + (block + size) + ") at "
                        + (block + size - 4) + " holds " + describe(footer) + ", but its header holds "
                        + describe(header) + ": header and footer must always say the same (write both whenever a "
                        + "block is allocated, freed, split or merged).", block, block + size);
            }
            if (previousFree && !isAllocated(header)) {
                throw harness.failure("two free blocks touch at " + block + ": dealloc must coalesce them (merge the "
                        + "freed block with a free right neighbour, found by its header, and a free left neighbour, "
                        + "found by the footer just before it).", block - 16, block + size);
            }
            previousFree = !isAllocated(header);
            block += size;
        }
        int end = bytes.size() == 0 ? FIRST_BLOCK : bytes.size();
        if (block != end) {
            throw harness.failure("the walk from FIRST_BLOCK ended at " + block + ", not at the heap's end " + end
                    + ": the blocks must tile the heap from the padding to its end.", block, end);
        }
    }

    /** A tag in words: {@code "32 bytes, allocated"}. */
    private static String describe(int tag) {
        return blockSize(tag) + " bytes, " + (isAllocated(tag) ? "allocated" : "free");
    }

    private void assertHeap(int index, int expectedTag) {
        int actual = heap.readInt(index);
        assertThat(actual).as("the tag at heap index %d: expected %d bytes %s, but found %d bytes %s", index,
                blockSize(expectedTag), isAllocated(expectedTag) ? "allocated" : "free",
                blockSize(actual), isAllocated(actual) ? "allocated" : "free").isEqualTo(expectedTag);
    }
}
