package dev.alloclab.hidden.buddy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.alloclab.core.alloc.Allocator;
import dev.alloclab.core.memory.HeapBytes;
import dev.alloclab.exercises.buddy.BuddyAllocator;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BuddyHiddenTest {
    /** More offsets than the largest arena of these tests holds blocks: a list that long never ends. */
    private static final int MOST_OFFSETS = (1 << 21) / 16;

    /**
     * {@code a.freeBlocksOfSize(blockSize)}, copied into a fresh list of checked {@code Integer}s. The assertions run on
     * that copy, never on the submission's own list: its {@code equals}, {@code isEmpty} or elements could answer
     * anything (QA session 18, hostile 4: a list that was "equal" to everything and "empty" when asked passed every
     * check). {@code Integer} is final, so a checked element is a plain number.
     */
    private static List<Integer> freeBlocksOfSize(BuddyAllocator a, int blockSize) {
        List<?> answer = a.freeBlocksOfSize(blockSize);
        String call = "freeBlocksOfSize(" + blockSize + ")";
        if (answer == null) {
            throw new AssertionError(call + " returned null: return a list of offsets (an empty one when no free "
                    + "block has that size)");
        }
        List<Integer> offsets = new ArrayList<>();
        for (Object element : answer) {
            if (!(element instanceof Integer offset)) {
                throw new AssertionError(call + " listed " + (element == null ? "null" : "an object of class "
                        + element.getClass().getName()) + " after the offsets " + offsets + ": list each free "
                        + "block's arena offset as an Integer");
            }
            if (offsets.size() == MOST_OFFSETS) {
                throw new AssertionError(call + " listed more than " + MOST_OFFSETS + " offsets, more blocks than "
                        + "any arena of these tests holds: does its iterator end?");
            }
            offsets.add(offset);
        }
        return offsets;
    }

    @Test
    void buddies_and_block_sizes() {
        String buddy = "buddyOf(%d, %d): the buddy of a block of %d bytes at offset %d is at offset ^ size (flip the "
                + "bit equal to the size)";
        assertThat(BuddyAllocator.buddyOf(0, 16)).as(buddy, 0, 16, 16, 0).isEqualTo(16);
        assertThat(BuddyAllocator.buddyOf(16, 16)).as(buddy + "; the upper half's buddy lies below it", 16, 16, 16, 16)
                .isEqualTo(0);
        assertThat(BuddyAllocator.buddyOf(64, 32)).as(buddy, 64, 32, 32, 64).isEqualTo(96);
        assertThat(BuddyAllocator.buddyOf(96, 32)).as(buddy + "; the upper half's buddy lies below it", 96, 32, 32, 96)
                .isEqualTo(64);
        assertThat(BuddyAllocator.buddyOf(128, 128)).as(buddy + "; the upper half's buddy lies below it",
                128, 128, 128, 128).isEqualTo(0);
        String size = "blockSizeFor(%d): the smallest power of two >= %d + the 8-byte header, at least MIN_BLOCK (16)";
        assertThat(BuddyAllocator.blockSizeFor(1)).as(size, 1, 1).isEqualTo(16);
        assertThat(BuddyAllocator.blockSizeFor(8)).as(size, 8, 8).isEqualTo(16);
        assertThat(BuddyAllocator.blockSizeFor(9)).as(size, 9, 9).isEqualTo(32);
        assertThat(BuddyAllocator.blockSizeFor(120)).as(size, 120, 120).isEqualTo(128);
        assertThat(BuddyAllocator.blockSizeFor(121)).as(size, 121, 121).isEqualTo(256);
    }

    @Test
    void the_first_alloc_splits_the_arena_down_to_its_size() {
        BuddyAllocator a = new BuddyAllocator(HeapBytes.withMax(4096), 256);
        int p = a.alloc(8);
        assertThat(p).as("index returned by the first alloc(8) in an arena of 256 bytes: the 16-byte block at offset "
                + "0, its payload after the 8-byte header (arenaStart() + 8)").isEqualTo(a.arenaStart() + 8);
        String rest = "freeBlocksOfSize(%d) after the first alloc(8) in an arena of 256: splitting 256 down to 16 "
                + "leaves each upper half free, at offsets 16, 32, 64 and 128";
        assertThat(freeBlocksOfSize(a, 16)).as(rest, 16).containsExactly(16);
        assertThat(freeBlocksOfSize(a, 32)).as(rest, 32).containsExactly(32);
        assertThat(freeBlocksOfSize(a, 64)).as(rest, 64).containsExactly(64);
        assertThat(freeBlocksOfSize(a, 128)).as(rest, 128).containsExactly(128);
        assertThat(freeBlocksOfSize(a, 256)).as("freeBlocksOfSize(256) after the first alloc(8): the arena was split, "
                + "so no whole free arena is left").isEmpty();
        assertThat(a.usableSize(p)).as("usableSize of the block of alloc(8): its 16 bytes minus the 8-byte header")
                .isEqualTo(8);
    }

    @Test
    void freeing_merges_buddies_back_into_the_arena() {
        BuddyAllocator a = new BuddyAllocator(HeapBytes.withMax(4096), 256);
        int x = a.alloc(8);
        int y = a.alloc(8);
        int z = a.alloc(40);
        assertThat(y).as("index returned by the second alloc(8) in an arena of 256: the free 16-byte block at offset "
                + "16, plus the 8-byte header").isEqualTo(a.arenaStart() + 16 + 8);
        assertThat(z).as("index returned by alloc(40) after two alloc(8): a 64-byte block (40 + 8 rounded up to a "
                + "power of two), the free one at offset 64, plus the 8-byte header").isEqualTo(a.arenaStart() + 64 + 8);
        a.dealloc(y);
        assertThat(freeBlocksOfSize(a, 16)).as("freeBlocksOfSize(16) after dealloc of the block at offset 16: its buddy "
                + "(offset 0) is still allocated, so it stays a free 16-byte block").containsExactly(16);
        a.dealloc(x);
        assertThat(freeBlocksOfSize(a, 16)).as("freeBlocksOfSize(16) after dealloc of the block at offset 0 too: "
                + "buddies 0 and 16 are both free, so they merge into one 32-byte block").isEmpty();
        assertThat(freeBlocksOfSize(a, 64)).as("freeBlocksOfSize(64) after freeing offsets 16 and 0: the merged 32 at "
                + "0 merges again with its free buddy 32, into a 64-byte block at 0 (its buddy 64 is allocated)")
                .containsExactly(0);
        a.dealloc(z);
        assertThat(freeBlocksOfSize(a, 256)).as("freeBlocksOfSize(256) after every block is freed: merging goes on up "
                + "to the whole arena at offset 0").containsExactly(0);
        assertThat(freeBlocksOfSize(a, 128)).as("freeBlocksOfSize(128) after every block is freed: both 128-byte "
                + "halves merged into the arena, so none is left on its own").isEmpty();
        // the same on a heap that already holds 40 bytes: the arena starts at index 40, and offsets count from there
        HeapBytes used = HeapBytes.withMax(4096);
        used.sbrk(40);
        BuddyAllocator b = new BuddyAllocator(used, 128);
        int start = b.arenaStart();
        int p = b.alloc(8);
        int q = b.alloc(8);
        int r = b.alloc(40);
        assertThat(p).as("index returned by alloc(8) in an arena of 128 starting at heap index %d: offset 0 + the "
                + "8-byte header, counted from arenaStart()", start).isEqualTo(start + 8);
        assertThat(b.usableSize(p)).as("usableSize(%d) of that 16-byte block: 16 minus the header (the header sits at "
                + "index - 8 = arenaStart() + offset)", p).isEqualTo(8);
        assertThat(used.readInt(p - 8)).as("the header of that 16-byte block, read at index - 8 = %d: blockSize | 1 "
                + "while it is allocated, so 17", p - 8).isEqualTo(16 | 1);
        HeapBytes odd = HeapBytes.withMax(4096);
        odd.sbrk(5);
        int aligned = new BuddyAllocator(odd, 64).alloc(8);
        assertThat(aligned % 8).as("payload index %d of alloc(8) in an arena taken after 5 bytes of the heap: a "
                + "multiple of 8 (the arena starts at the next 8-aligned index)", aligned).isZero();
        b.dealloc(q);
        b.dealloc(p);
        b.dealloc(r);
        assertThat(freeBlocksOfSize(b, 128)).as("freeBlocksOfSize(128) after every block is freed in an arena starting "
                + "at heap index %d: buddies are found by offset (index - 8 - arenaStart()) ^ size, so they merge back "
                + "into the whole arena at offset 0", start).containsExactly(0);
    }

    @Test
    void lowest_offset_first_and_null_when_full() {
        BuddyAllocator a = new BuddyAllocator(HeapBytes.withMax(4096), 128);
        int[] p = new int[8];
        for (int i = 0; i < 8; i++) {
            p[i] = a.alloc(8);
            assertThat(p[i]).as("index returned by alloc(8) number %d in an arena of 128: 16-byte blocks are handed "
                    + "out lowest offset first, so this one is at offset %d (+ 8 for the header)", i + 1, 16 * i)
                    .isEqualTo(a.arenaStart() + 16 * i + 8);
        }
        assertThat(a.alloc(1)).as("alloc(1) when all 8 blocks of 16 bytes fill the arena of 128: no free block, so "
                + "NULL (-1)").isEqualTo(Allocator.NULL);
        a.dealloc(p[5]);
        a.dealloc(p[2]);
        assertThat(a.alloc(8)).as("index returned by alloc(8) after freeing the blocks at offsets 80 and 32 (in that "
                + "order): among free blocks of one size the lowest offset is taken, 32, whose payload is at index %d "
                + "(arenaStart() + 32 + the 8-byte header)", p[2]).isEqualTo(p[2]);
        a.dealloc(p[1]);
        a.dealloc(p[6]);
        assertThat(a.alloc(8)).as("index returned by alloc(8) with the 16-byte blocks at offsets 80, 16 and 96 free "
                + "(freed in that order): the lowest offset is taken, 16, whose payload is at index %d", p[1])
                .isEqualTo(p[1]);
        a.dealloc(p[0]);
        a.dealloc(p[1]);
        a.dealloc(p[3]);
        // free now: [0, 32) (0 and 16 merged; its buddy [32, 64) is split), 48, 80 and 96 of 16 bytes
        assertThat(a.alloc(8)).as("index returned by alloc(8) with a free 32-byte block at offset 0 and free 16-byte "
                + "blocks at 48, 80 and 96: the smallest block that fits is taken, the 16 at 48 (payload at index %d), "
                + "not the lower 32 at 0", p[3]).isEqualTo(p[3]);
        assertThat(a.alloc(200)).as("alloc(200) in an arena of 128 bytes: no block is that big, so NULL (-1)")
                .isEqualTo(Allocator.NULL);
    }

    @Test
    void random_workout_stays_inside_the_arena_and_merges_fully() {
        for (long seed = 1; seed <= 3; seed++) {
            BuddyAllocator a = new BuddyAllocator(HeapBytes.withMax(1 << 22), 1 << 21);
            Workout.checked(a, Workout.random("random-" + seed, seed, 800, 500, true));
            assertThat(freeBlocksOfSize(a, 1 << 21)).as("freeBlocksOfSize(%d), the whole 2 MiB arena, after a random "
                    + "workout (seed %d) freed every block: buddies merge back until the arena is one free block at "
                    + "offset 0", 1 << 21, seed)
                    .isEqualTo(List.of(0));
        }
    }

    @Test
    void edge_requests_alloc_zero_dealloc_null_and_sizes_close_to_integer_max_value() {
        NullRequests.check(new BuddyAllocator(HeapBytes.withMax(4096), 256), "in a fresh arena of 256 bytes");
        BuddyAllocator whole = new BuddyAllocator(HeapBytes.withMax(4096), 256);
        assertThat(whole.alloc(249)).as("alloc(249) in a fresh arena of 256 bytes: with its 8-byte header it needs "
                + "more than the arena, so NULL (-1)").isEqualTo(Allocator.NULL);
        assertThat(whole.alloc(248)).as("alloc(248) in a fresh arena of 256 bytes: with its 8-byte header it needs "
                + "exactly the whole arena, which is free, so it gets it (offset 0 + the header)")
                .isEqualTo(whole.arenaStart() + 8);
        BuddyAllocator a = new BuddyAllocator(HeapBytes.withMax(4096), 256);
        a.alloc(8);
        for (int huge : HugeRequests.SIZES) {
            assertThat(HugeRequests.alloc(a, huge, "after alloc(8) in an arena of 256 bytes"))
                    .as("alloc(%d), close to Integer.MAX_VALUE, after alloc(8) in an arena of 256 bytes: no block is "
                            + "that big, so NULL (-1). %s", huge, HugeRequests.ADVICE).isEqualTo(Allocator.NULL);
        }
        assertThat(a.alloc(8)).as("index returned by alloc(8) after alloc(8) and the NULL answers: those requests "
                + "split nothing, so the free 16-byte block at offset 16 is taken (+ 8 for the header)")
                .isEqualTo(a.arenaStart() + 16 + 8);
    }
}
