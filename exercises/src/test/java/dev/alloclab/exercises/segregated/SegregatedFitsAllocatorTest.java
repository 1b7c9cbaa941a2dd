package dev.alloclab.exercises.segregated;

import static org.assertj.core.api.Assertions.assertThat;

import dev.alloclab.core.alloc.Allocator;
import dev.alloclab.core.check.BookkeepingFootprint;
import dev.alloclab.core.memory.HeapBytes;
import dev.alloclab.exercises.support.EdgeRequests;
import dev.alloclab.exercises.support.HeapHarness;
import dev.alloclab.exercises.support.HugeRequests;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/**
 * Visible tests of segregated fits: the contract only, since the layout is yours. The grader
 * adds utilization and throughput on traces. Instructions: docs/exercises/segregated-fits.md.
 */
class SegregatedFitsAllocatorTest {
    private final HeapBytes heap = HeapBytes.withMax(1 << 20);
    private final SegregatedFitsAllocator allocator = new SegregatedFitsAllocator(heap);

    @Test
    void freed_memory_is_reused_so_the_heap_does_not_grow_on_a_second_round() {
        // GIVEN 100 blocks of 64 bytes, all freed
        List<Integer> blocks = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            blocks.add(allocator.alloc(64));
        }
        int grown = heap.size();
        blocks.forEach(allocator::dealloc);
        // WHEN the same blocks are asked for again
        for (int i = 0; i < 100; i++) {
            allocator.alloc(64);
        }
        // THEN the heap did not grow
        assertThat(heap.size()).as("heap().size() after 100 blocks of 64 bytes were freed and asked for again: freed "
                + "blocks are reused, so the heap stays at the %d bytes of the first round", grown).isEqualTo(grown);
    }

    @Test
    void growing_the_last_block_happens_in_place() {
        // GIVEN a block at the end of the heap holding data
        allocator.alloc(16);
        int last = allocator.alloc(16);
        allocator.heap().writeLong(last, 0x1122334455667788L);
        // WHEN it is reallocated to 1000 bytes
        int grown = allocator.realloc(last, 1000);
        // THEN it stays where it is (the heap grows under it) and keeps its bytes
        assertThat(grown).as("realloc(%d, 1000) of the block that ends the heap: grow the heap under it and keep it "
                + "where it is", last).isEqualTo(last);
        assertThat(heap.readLong(grown)).as("the 8 bytes written before the realloc, at its start")
                .isEqualTo(0x1122334455667788L);
        assertThat(allocator.usableSize(grown)).as("usableSize of the grown block: at least the 1000 bytes asked for")
                .isGreaterThanOrEqualTo(1000);
    }

    @Test
    void shrinking_keeps_the_block_where_it_is() {
        int index = allocator.alloc(400);
        allocator.alloc(8);
        assertThat(allocator.realloc(index, 40)).as("realloc(%d, 40) of a 400-byte block: a shrink fits where the "
                + "block is, so it stays there", index).isEqualTo(index);
    }

    @Test
    void growing_a_block_that_must_move_takes_its_bytes_along() {
        // GIVEN a block boxed in by a live neighbour
        int index = allocator.alloc(24);
        allocator.alloc(24);
        for (int i = 0; i < 24; i++) {
            heap.writeByte(index + i, i + 1);
        }
        // WHEN it grows past what it can hold
        int moved = allocator.realloc(index, 500);
        // THEN every old byte comes along
        for (int i = 0; i < 24; i++) {
            assertThat(heap.readByte(moved + i)).as("byte %d", i).isEqualTo((byte) (i + 1));
        }
    }

    @Test
    void realloc_of_null_allocates_and_realloc_to_zero_frees() {
        int index = allocator.realloc(Allocator.NULL, 32);
        assertThat(index).as("realloc(NULL, 32): the same as alloc(32), a block").isNotEqualTo(Allocator.NULL);
        assertThat(allocator.realloc(index, 0)).as("realloc(%d, 0): the same as dealloc, and it returns NULL (-1)",
                index).isEqualTo(Allocator.NULL);
        assertThat(allocator.alloc(0)).as("alloc(0): no block, NULL (-1)").isEqualTo(Allocator.NULL);
    }

    @Test
    void alloc_zero_dealloc_null_and_a_request_near_integer_max_value_change_nothing() {
        EdgeRequests.check(allocator, "a fresh segregated-fits allocator", HugeRequests.ADVICE);
    }

    @Test
    void out_of_memory_is_null() {
        SegregatedFitsAllocator small = new SegregatedFitsAllocator(HeapBytes.withMax(128));
        assertThat(small.alloc(200)).as("alloc(200) on a heap of at most 128 bytes: it cannot fit, so NULL (-1)")
                .isEqualTo(Allocator.NULL);
        assertThat(small.alloc(100)).as("alloc(100) on that heap after the NULL answer: it fits (the failed request "
                + "must not have used up the heap)").isNotEqualTo(Allocator.NULL);
    }

    @Test
    void a_realloc_that_finds_no_room_is_null_and_keeps_the_old_block_and_its_bytes() {
        // GIVEN a bounded heap with a 16-byte block holding 1, 2, 3, 4, a neighbour, and a big block after them
        HeapBytes bounded = HeapBytes.withMax(256);
        SegregatedFitsAllocator tight = new SegregatedFitsAllocator(bounded);
        int a = tight.alloc(16);
        for (int i = 0; i < 4; i++) {
            bounded.writeInt(a + 4 * i, i + 1);
        }
        tight.alloc(16);
        tight.alloc(150);
        // WHEN realloc asks for 120 bytes, which must move and finds no room in a heap of at most 256 bytes
        assertThat(tight.realloc(a, 120)).as("realloc(%d, 120) in a full heap of at most 256 bytes: no room to move to, "
                + "so NULL (-1)", a).isEqualTo(Allocator.NULL);
        // THEN the old block is untouched and still the program's: C code keeps its pointer when realloc says NULL
        for (int i = 0; i < 4; i++) {
            assertThat(bounded.readInt(a + 4 * i)).as("int %d of the old block after the realloc that returned NULL: "
                    + "untouched", i).isEqualTo(i + 1);
        }
        assertThat(tight.alloc(16)).as("alloc(16) after that: anything but %d, which still belongs to the program (a "
                + "realloc that fails must not free the old block)", a).isNotEqualTo(a);
        // AND the same when the block is the heap's last and the heap cannot grow under it
        HeapBytes small = HeapBytes.withMax(128);
        SegregatedFitsAllocator edge = new SegregatedFitsAllocator(small);
        int last = edge.alloc(16);
        small.writeInt(last, 2015);
        int size = small.size();
        assertThat(edge.realloc(last, 200)).as("realloc(%d, 200), the heap's last block, in a heap of at most 128 "
                + "bytes: sbrk cannot give the bytes, so NULL (-1)", last).isEqualTo(Allocator.NULL);
        assertThat(small.readInt(last)).as("the old block's first int after that NULL: untouched").isEqualTo(2015);
        assertThat(small.size()).as("heap size after the realloc that returned NULL: as it was (check sbrk's answer "
                + "for HeapBytes.NO_MEMORY before you change any header)").isEqualTo(size);
        assertThat(edge.alloc(8)).as("alloc(8) after that: anything but %d, still the program's", last).isNotEqualTo(last);
    }

    @Test
    void the_blocks_bookkeeping_lives_in_the_heap_not_in_java_objects_that_grow_with_them() {
        // GIVEN 4,000 live blocks of assorted small sizes
        for (int i = 0; i < 4000; i++) {
            assertThat(allocator.alloc(8 + i % 7 * 8)).as("alloc number %d", i + 1).isNotEqualTo(Allocator.NULL);
        }
        // THEN the allocator holds at most 16 KiB of Java objects outside its heap: list heads and scalars, not a map,
        // list or array of blocks (the grader's bookkeeping_lives_in_the_heap measures the same on its traces)
        long bytes = BookkeepingFootprint.of(allocator, heap, List.of(SegregatedFitsAllocator.class), 64 * 1024);
        assertThat(bytes).as("bytes of Java objects the allocator holds outside its heap with 4,000 blocks live (the "
                + "limit is 16 KiB): block sizes, tags and free-list links belong in the heap's bytes, where they count "
                + "against utilization as in Malloc Lab").isLessThanOrEqualTo(16 * 1024);
    }

    @Test
    void every_byte_usable_size_promises_is_the_program_s_to_write() {
        // GIVEN two neighbouring blocks of alloc(8), each written to its last usable byte
        int first = allocator.alloc(8);
        int second = allocator.alloc(8);
        int secondUsable = allocator.usableSize(second);
        for (int i = 0; i < secondUsable; i++) {
            heap.writeByte(second + i, 0x5A);
        }
        int firstUsable = allocator.usableSize(first);
        for (int i = 0; i < firstUsable; i++) {
            heap.writeByte(first + i, 0);
        }
        // THEN the second block kept its bytes, and both can be freed and their room used again: usableSize counts
        // only the block's payload, the block size minus every tag in it (a header, and a footer if you keep one)
        for (int i = 0; i < secondUsable; i++) {
            assertThat(heap.readByte(second + i)).as("byte %d of the second alloc(8) after all %d bytes usableSize(%d) "
                    + "promised of the first were written: usableSize counts only the block's own payload bytes", i,
                    firstUsable, first).isEqualTo((byte) 0x5A);
        }
        try {
            allocator.dealloc(second);
            allocator.dealloc(first);
        } catch (RuntimeException e) {
            throw new AssertionError("usableSize counts bytes your allocator still uses: after the program wrote "
                    + "every byte it promised (" + firstUsable + " and " + secondUsable + " bytes of two alloc(8)), "
                    + "dealloc threw " + e.getClass().getSimpleName() + ", reading a header or footer the program had "
                    + "overwritten. usableSize is the block size minus every tag in the block.", e);
        }
        HeapHarness.run(allocator, List.of(8, 8, 24, 0, 16, -1, 8));
    }

    @Property(tries = 400)
    void payloads_are_aligned_inside_the_heap_disjoint_and_keep_their_bytes(
            @ForAll @Size(max = 80) List<@IntRange(min = -40, max = 600) Integer> ops) {
        HeapHarness.run(new SegregatedFitsAllocator(HeapBytes.withMax(1 << 20)), ops);
    }

    @Property(tries = 400)
    void realloc_keeps_the_prefix_and_every_other_block_intact(
            @ForAll @Size(max = 80) List<@IntRange(min = -41, max = 600) Integer> ops) {
        HeapHarness.runWithRealloc(new SegregatedFitsAllocator(HeapBytes.withMax(1 << 20)), ops);
    }
}
