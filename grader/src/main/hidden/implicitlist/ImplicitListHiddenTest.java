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
     * Walks every block and fails on the first broken rule, one sentence per rule: sizes at least MIN_BLOCK and
     * multiples of 8, every block inside the heap, footer == header, no two free blocks touching, the walk ending
     * exactly at {@code heap().size()}. {@code when} says after which step of the test the heap was walked.
     *
     * @return how many blocks the walk found
     */
    private static int walk(ImplicitFreeListAllocator a, String when) {
        int[] blocks = {0};
        String problem = tilingProblem(a, blocks);
        if (problem != null) {
            throw new AssertionError("the blocks do not tile the heap " + when + ": " + problem);
        }
        return blocks[0];
    }

    /** The first rule the block walk finds broken, as a sentence, or null; {@code blocks[0]} counts the blocks. */
    private static String tilingProblem(ImplicitFreeListAllocator a, int[] blocks) {
        HeapBytes heap = a.heap();
        if (heap.size() == 0) {
            return null; // nothing allocated yet
        }
        int first = ImplicitFreeListAllocator.FIRST_BLOCK;
        int b = first;
        int previousFree = -1;
        while (b < heap.size()) {
            if (b + 4 > heap.size()) {
                return "the walk from " + first + " reaches " + b + ", with fewer than 4 bytes left before the heap's "
                        + "end (heap().size() is " + heap.size() + "): block sizes must add up exactly to the heap";
            }
            int header = tag(a, b);
            int size = ImplicitFreeListAllocator.blockSize(header);
            if (size < ImplicitFreeListAllocator.MIN_BLOCK) {
                return "the block at " + b + " has size " + size + " in its header, below MIN_BLOCK (16)"
                        + (size > 0 && size % 8 == 0 ? ": did a split leave a remainder smaller than 16? Split only "
                        + "when at least 16 bytes would be left; otherwise hand out the whole block"
                        : ": is a header written at " + b + "? The walk from " + first + " steps by each header's size");
            }
            if (size % 8 != 0) {
                return "the block at " + b + " has size " + size + " in its header, not a multiple of 8: block "
                        + "sizes are max(16, alignUp(size + 8, 8))";
            }
            if ((long) b + size > heap.size()) {
                return "the block at " + b + " has size " + size + ", so it would end at " + ((long) b + size)
                        + ", past the heap's end (heap().size() is " + heap.size() + "): the last block must end "
                        + "exactly where the heap ends (sbrk as many bytes as the block needs)";
            }
            int footer = tag(a, b + size - 4);
            if (footer != header) {
                return "the footer of the block at " + b + " (its last 4 bytes, at " + (b + size - 4) + ") holds "
                        + describe(footer) + ", its header " + describe(header) + ": write the same tag to both";
            }
            boolean free = !ImplicitFreeListAllocator.isAllocated(header);
            if (free && previousFree >= 0) {
                return "the free block at " + b + " follows the free block at " + previousFree + ": two free blocks "
                        + "must never touch (dealloc merges a freed block with its free neighbours at once)";
            }
            previousFree = free ? b : -1;
            b += size;
            blocks[0]++;
        }
        return null;
    }

    /** A tag in words: {@code size 48, free}. */
    private static String describe(int tag) {
        return "size " + ImplicitFreeListAllocator.blockSize(tag) + ", "
                + (ImplicitFreeListAllocator.isAllocated(tag) ? "allocated" : "free");
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

    /** The blocks must tile the heap after every call, not only at the end, when the frees have merged them all. */
    @Test
    void random_workout_is_valid_and_the_blocks_tile_the_heap_after_every_call() {
        for (long seed = 1; seed <= 3; seed++) {
            ImplicitFreeListAllocator a = new ImplicitFreeListAllocator(HeapBytes.withMax(1 << 22));
            String name = "random-" + seed;
            Workout.checked(new WalkedAfterEveryCall(a, name), Workout.random(name, seed, 800, 300, true));
            walk(a, "after the random workout " + name + " freed every block");
        }
    }

    @Test
    void a_remainder_smaller_than_16_bytes_stays_in_the_block() {
        ImplicitFreeListAllocator a = new ImplicitFreeListAllocator(HeapBytes.withMax(1 << 16));
        int big = a.alloc(120);            // block of 128 at 4
        a.alloc(8);                        // guard
        a.dealloc(big);
        assertThat(a.alloc(112)).as("payload index of alloc(112) after alloc(120), alloc(8), dealloc of the 120: "
                + "first fit takes the freed 128-byte block at 4").isEqualTo(big);
        assertTagAt(a, 4, "header at 4 after alloc(112) (a 120-byte block) took the free 128-byte block: only 8 "
                + "bytes would be left, fewer than MIN_BLOCK (16), so there is no split: size 128, allocated")
                .isEqualTo(ImplicitFreeListAllocator.pack(128, true));
        walk(a, "after alloc(120), alloc(8), dealloc of the 120, alloc(112)");
    }

    @Test
    void growing_the_heap_when_its_last_block_is_free_adds_only_what_that_block_lacks() {
        ImplicitFreeListAllocator a = new ImplicitFreeListAllocator(HeapBytes.withMax(1 << 16));
        a.alloc(24);                       // block of 32 at 4
        int last = a.alloc(40);            // block of 48 at 36: the heap ends at 84
        a.dealloc(last);
        int sizeBefore = a.heap().size();
        String setting = "after alloc(24), alloc(40) and dealloc of the 40 (the heap of " + sizeBefore + " bytes ends "
                + "with that free 48-byte block)";
        assertThat(a.alloc(100)).as("payload index of alloc(100) (a 112-byte block) %s: nothing fits, so the free "
                + "block at the heap's end grows into the new block", setting).isEqualTo(last);
        assertThat(a.heap().size()).as("heap().size() after that alloc(100), %s: the heap grows by only the 64 "
                + "bytes the free block lacks, not by the whole 112-byte block", setting).isEqualTo(sizeBefore + 64);
        walk(a, "after alloc(100) grew the free block at the heap's end");
    }

    @Test
    void usable_size_is_the_block_size_minus_header_and_footer() {
        ImplicitFreeListAllocator a = new ImplicitFreeListAllocator(HeapBytes.withMax(1 << 16));
        int p = a.alloc(10);               // block of 24
        int q = a.alloc(100);              // block of 112
        assertThat(a.usableSize(p)).as("usableSize(%d) of alloc(10), a 24-byte block: the block size from its "
                + "header minus the 4-byte header and the 4-byte footer", p).isEqualTo(16);
        assertThat(a.usableSize(q)).as("usableSize(%d) of alloc(100), a 112-byte block: the block size from its "
                + "header minus the 4-byte header and the 4-byte footer", q).isEqualTo(104);
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
    void edge_requests_alloc_zero_dealloc_null_and_sizes_close_to_integer_max_value() {
        NullRequests.check(new ImplicitFreeListAllocator(HeapBytes.withMax(1 << 16)),
                "on a fresh allocator (a heap of at most 64 KiB)");
        ImplicitFreeListAllocator a = new ImplicitFreeListAllocator(HeapBytes.withMax(1 << 16));
        int first = a.alloc(24);
        for (int huge : HugeRequests.SIZES) {
            assertThat(HugeRequests.alloc(a, huge, "after alloc(24) on a heap of at most 64 KiB",
                    HugeRequests.INT_BLOCK_SIZE_ADVICE))
                    .as("alloc(%d), close to Integer.MAX_VALUE, after alloc(24) on a heap of at most 64 KiB: no block "
                            + "that big fits, so NULL (-1). %s", huge, HugeRequests.INT_BLOCK_SIZE_ADVICE)
                    .isEqualTo(Allocator.NULL);
        }
        walk(a, "after alloc(24) and requests close to Integer.MAX_VALUE that returned NULL");
        assertThat(a.alloc(8)).as("payload index of alloc(8) after alloc(24) and the NULL answers: those requests "
                + "changed nothing, so the new block follows the 32-byte block of alloc(24)").isEqualTo(first + 32);
    }

    /**
     * The student's allocator as the workout sees it, with the blocks walked after every call: a remainder
     * below MIN_BLOCK or a broken tag shows at the call that made it, before later frees merge it away.
     */
    private static final class WalkedAfterEveryCall implements Allocator {
        /** Calls named before the one after which the walk failed: enough to repeat them in a test. */
        private static final int CALLS_BEFORE = 5;

        private final ImplicitFreeListAllocator a;
        private final String workout;
        private final java.util.List<String> calls = new java.util.ArrayList<>();

        WalkedAfterEveryCall(ImplicitFreeListAllocator a, String workout) {
            this.a = a;
            this.workout = workout;
        }

        @Override
        public int alloc(int size) {
            int p = a.alloc(size);
            walked("alloc(" + size + ") returned " + p);
            return p;
        }

        @Override
        public void dealloc(int index) {
            a.dealloc(index);
            walked("dealloc(" + index + ")");
        }

        @Override
        public int realloc(int index, int size) {
            int p = a.realloc(index, size);
            walked("realloc(" + index + ", " + size + ") returned " + p);
            return p;
        }

        @Override
        public int usableSize(int index) {
            return a.usableSize(index);
        }

        @Override
        public HeapBytes heap() {
            return a.heap();
        }

        @Override
        public java.util.List<dev.alloclab.core.alloc.HeapRegion> regions() {
            return a.regions();
        }

        private void walked(String call) {
            calls.add(call);
            String problem = tilingProblem(a, new int[1]);
            if (problem != null) {
                String what = "the blocks do not tile the heap after call " + calls.size() + " of the workout "
                        + workout + ", " + call + ": " + problem;
                // the calls before it, as many as fit whole in what the grader shows (600 characters)
                for (int shown = Math.min(CALLS_BEFORE, calls.size() - 1); shown > 0; shown--) {
                    int from = calls.size() - 1 - shown;
                    String withCalls = what + ". The calls before it" + (from > 0 ? " (the last " + shown + ")" : "")
                            + ": " + String.join(", ", calls.subList(from, calls.size() - 1));
                    if (withCalls.length() <= 580) {
                        throw new AssertionError(withCalls);
                    }
                }
                throw new AssertionError(what);
            }
        }
    }
}
