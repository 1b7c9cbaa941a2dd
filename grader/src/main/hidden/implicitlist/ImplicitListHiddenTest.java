package dev.alloclab.hidden.implicitlist;

import static org.assertj.core.api.Assertions.assertThat;

import dev.alloclab.core.alloc.Allocator;
import dev.alloclab.core.memory.HeapBytes;
import dev.alloclab.core.trace.ReplayReport;
import dev.alloclab.exercises.implicitlist.ImplicitFreeListAllocator;
import org.assertj.core.api.AbstractIntegerAssert;
import org.junit.jupiter.api.Test;

class ImplicitListHiddenTest {
    private static int tag(ImplicitFreeListAllocator a, int block) {
        return a.heap().readInt(block);
    }

    /**
     * Walks every block: header == footer, sizes add up to the heap, no two free blocks touch. {@code when} says
     * which step of the test the heap is walked after, for the failure message.
     */
    private static int walk(ImplicitFreeListAllocator a, String when) {
        int b = ImplicitFreeListAllocator.FIRST_BLOCK;
        boolean previousFree = false;
        int blocks = 0;
        while (b < a.heap().size()) {
            int header = tag(a, b);
            int size = ImplicitFreeListAllocator.blockSize(header);
            assertThat(size).as("size in the header of the block at %d, walking the blocks from %d %s: at least "
                    + "MIN_BLOCK (16)", b, ImplicitFreeListAllocator.FIRST_BLOCK, when).isGreaterThanOrEqualTo(16);
            assertThat(size % 8).as("size %d in the header of the block at %d, %s, modulo 8: block sizes are "
                    + "multiples of 8", size, b, when).isZero();
            assertThat(tag(a, b + size - 4)).as("footer of the block at %d (its last 4 bytes, at %d), %s: it must "
                    + "equal the block's header", b, b + size - 4, when).isEqualTo(header);
            boolean free = !ImplicitFreeListAllocator.isAllocated(header);
            assertThat(previousFree && free).as("the free block at %d follows a free block, %s: missed coalescing "
                    + "(two free blocks must never touch)", b, when).isFalse();
            previousFree = free;
            b += size;
            blocks++;
        }
        assertThat(b).as("where the walk over the blocks ends, %s: block sizes must add up exactly to heap().size()",
                when).isEqualTo(a.heap().size());
        return blocks;
    }

    /**
     * A tag check whose failure names the tag's size and allocated bit, not just the packed number: the
     * description says what should be at {@code at}, and decodes what is there.
     */
    private static AbstractIntegerAssert<?> assertTagAt(ImplicitFreeListAllocator a, int at, String expected) {
        int tag = tag(a, at);
        return assertThat(tag).as("%s; the tag at %d holds size %d, %s", expected, at,
                tag & ImplicitFreeListAllocator.SIZE_MASK,
                (tag & ImplicitFreeListAllocator.ALLOCATED_BIT) != 0 ? "allocated" : "free");
    }

    @Test
    void block_sizes_and_tags() {
        String fit = "blockSizeFor(%d): header + %d bytes + footer, rounded up to a multiple of 8, at least 16";
        assertThat(ImplicitFreeListAllocator.blockSizeFor(1)).as(fit, 1, 1).isEqualTo(16);
        assertThat(ImplicitFreeListAllocator.blockSizeFor(8)).as(fit, 8, 8).isEqualTo(16);
        assertThat(ImplicitFreeListAllocator.blockSizeFor(9)).as(fit, 9, 9).isEqualTo(24);
        assertThat(ImplicitFreeListAllocator.blockSizeFor(100)).as(fit, 100, 100).isEqualTo(112);
        int tag = ImplicitFreeListAllocator.pack(48, true);
        assertThat(ImplicitFreeListAllocator.blockSize(tag)).as("blockSize(pack(48, true)): the size bits of the tag")
                .isEqualTo(48);
        assertThat(ImplicitFreeListAllocator.isAllocated(tag)).as("isAllocated(pack(48, true))").isTrue();
        assertThat(ImplicitFreeListAllocator.isAllocated(ImplicitFreeListAllocator.pack(48, false)))
                .as("isAllocated(pack(48, false))").isFalse();
    }

    @Test
    void first_blocks_have_header_and_footer() {
        ImplicitFreeListAllocator a = new ImplicitFreeListAllocator(HeapBytes.withMax(1 << 16));
        assertThat(a.alloc(10)).as("payload index of the first alloc(10): 4 padding bytes, the first block at 4, "
                + "its payload after the 4-byte header").isEqualTo(8);
        assertTagAt(a, 4, "header of the first block (at 4) after alloc(10): size 24 (4 + 10 + 4 rounded up to 8), "
                + "allocated").isEqualTo(ImplicitFreeListAllocator.pack(24, true));
        assertTagAt(a, 24, "footer of the first block (its last 4 bytes, at 4 + 24 - 4) after alloc(10): the same "
                + "tag as its header, size 24, allocated").isEqualTo(ImplicitFreeListAllocator.pack(24, true));
        assertThat(a.alloc(8)).as("payload index of alloc(8) after alloc(10): its block starts where the first "
                + "(24 bytes at 4) ends, at 28").isEqualTo(32);
        assertThat(a.heap().size()).as("heap().size() after alloc(10), alloc(8): 4 padding bytes + blocks of 24 "
                + "and 16; the heap grows by exactly each new block").isEqualTo(44);
        assertThat(a.alloc(0)).as("alloc(0) must return NULL (-1)").isEqualTo(Allocator.NULL);
    }

    @Test
    void a_big_free_block_is_split_and_the_rest_stays_free() {
        ImplicitFreeListAllocator a = new ImplicitFreeListAllocator(HeapBytes.withMax(1 << 16));
        int big = a.alloc(120);            // block of 128 at 4
        int guard = a.alloc(8);
        a.dealloc(big);
        assertThat(a.alloc(16)).as("payload index of alloc(16) after alloc(120), alloc(8), dealloc of the 120: "
                + "first fit takes the freed 128-byte block at 4").isEqualTo(big);  // block of 24 at 4, the rest (104) free at 28
        assertTagAt(a, 4, "header at 4 after alloc(16) took the free 128-byte block: split to size 24, allocated")
                .isEqualTo(ImplicitFreeListAllocator.pack(24, true));
        assertTagAt(a, 28, "header at 28 after alloc(16) split the 128-byte block: the rest, size 104, free")
                .isEqualTo(ImplicitFreeListAllocator.pack(104, false));
        assertTagAt(a, 28 + 104 - 4, "footer at 128 (end of the 104-byte rest) after that split: size 104, free")
                .isEqualTo(ImplicitFreeListAllocator.pack(104, false));
        assertThat(a.alloc(80)).as("payload index of alloc(80) next: first fit takes the free rest at 28")
                .isEqualTo(32);
        assertTagAt(a, 28, "header at 28 after alloc(80) took the 104-byte rest: split to size 88, allocated (a "
                + "rest of exactly 16 bytes, MIN_BLOCK, is split off)").isEqualTo(ImplicitFreeListAllocator.pack(88, true));
        assertTagAt(a, 116, "header at 116 after alloc(80): the 16 bytes split off, free")
                .isEqualTo(ImplicitFreeListAllocator.pack(16, false));
        assertThat(a.heap().readInt(guard - 4)).as("header of the guard block of alloc(8) (at %d) after these splits: "
                + "size 16, allocated; splitting must not overwrite the next block", guard - 4)
                .isEqualTo(ImplicitFreeListAllocator.pack(16, true));
        walk(a, "after alloc(120), alloc(8), dealloc of the 120, alloc(16), alloc(80)");
    }

    @Test
    void freeing_merges_with_both_neighbours() {
        ImplicitFreeListAllocator a = new ImplicitFreeListAllocator(HeapBytes.withMax(1 << 16));
        int x = a.alloc(24);   // 32
        int y = a.alloc(24);   // 32
        int z = a.alloc(24);   // 32
        a.alloc(8);            // guard
        a.dealloc(x);
        a.dealloc(z);
        a.dealloc(y);
        assertTagAt(a, x - 4, "header at 4 after three 32-byte blocks at 4, 36, 68 were freed (first, third, then "
                + "the middle): freeing the middle merges with both free neighbours into size 96, free")
                .isEqualTo(ImplicitFreeListAllocator.pack(96, false));
        assertTagAt(a, x - 4 + 96 - 4, "footer at 96 (end of the merged block) after that merge: size 96, free")
                .isEqualTo(ImplicitFreeListAllocator.pack(96, false));
        assertThat(walk(a, "after freeing three neighbouring 32-byte blocks")).as("blocks found walking the heap "
                + "after that merge: the merged 96-byte block and the allocated guard").isEqualTo(2);
        assertThat(a.alloc(88)).as("payload index of alloc(88) after that merge: its 96-byte block fits exactly in "
                + "the merged block at 4").isEqualTo(x);
    }

    @Test
    void random_workout_is_valid_and_coalesced() {
        for (long seed = 1; seed <= 3; seed++) {
            ImplicitFreeListAllocator a = new ImplicitFreeListAllocator(HeapBytes.withMax(1 << 22));
            Workout.checked(a, Workout.random("random-" + seed, seed, 800, 300, true));
            walk(a, "after a random workout (seed " + seed + ") freed every block");
        }
    }

    @Test
    void freed_space_is_reused_before_the_heap_grows() {
        ImplicitFreeListAllocator a = new ImplicitFreeListAllocator(HeapBytes.withMax(1 << 20));
        ReplayReport r = Workout.checked(a, Workout.random("reuse", 7, 2000, 64, false));
        assertThat(r.utilization()).as("utilization (peak live payload / heap size) after 2000 random alloc "
                + "and free of 1..64 bytes: a first-fit list that splits and coalesces reuses freed blocks before "
                + "the heap grows, and stays above 0.45").isGreaterThan(0.45);
    }

    @Test
    void requests_close_to_integer_max_value_return_null() {
        ImplicitFreeListAllocator a = new ImplicitFreeListAllocator(HeapBytes.withMax(1 << 16));
        int first = a.alloc(24);
        for (int huge : HugeRequests.SIZES) {
            assertThat(HugeRequests.alloc(a, huge, "after alloc(24) on a heap of at most 64 KiB"))
                    .as("alloc(%d), close to Integer.MAX_VALUE, after alloc(24) on a heap of at most 64 KiB: no block "
                            + "that big fits, so NULL (-1). %s", huge, HugeRequests.ADVICE).isEqualTo(Allocator.NULL);
        }
        walk(a, "after alloc(24) and requests close to Integer.MAX_VALUE that returned NULL");
        assertThat(a.alloc(8)).as("payload index of alloc(8) after alloc(24) and the NULL answers: those requests "
                + "changed nothing, so the new block follows the 32-byte block of alloc(24)").isEqualTo(first + 32);
    }
}
