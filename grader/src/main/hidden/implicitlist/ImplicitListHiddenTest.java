package dev.alloclab.hidden.implicitlist;

import static org.assertj.core.api.Assertions.assertThat;

import dev.alloclab.core.alloc.Allocator;
import dev.alloclab.core.memory.HeapBytes;
import dev.alloclab.core.trace.ReplayReport;
import dev.alloclab.exercises.implicitlist.ImplicitFreeListAllocator;
import org.junit.jupiter.api.Test;

class ImplicitListHiddenTest {
    private static int tag(ImplicitFreeListAllocator a, int block) {
        return a.heap().readInt(block);
    }

    /** Walks every block: header == footer, sizes add up to the heap, no two free blocks touch. */
    private static int walk(ImplicitFreeListAllocator a) {
        int b = ImplicitFreeListAllocator.FIRST_BLOCK;
        boolean previousFree = false;
        int blocks = 0;
        while (b < a.heap().size()) {
            int header = tag(a, b);
            int size = ImplicitFreeListAllocator.blockSize(header);
            assertThat(size).as("size of block at %d", b).isGreaterThanOrEqualTo(16);
            assertThat(size % 8).as("size of block at %d", b).isZero();
            assertThat(tag(a, b + size - 4)).as("footer of block at %d", b).isEqualTo(header);
            boolean free = !ImplicitFreeListAllocator.isAllocated(header);
            assertThat(previousFree && free).as("free block at %d follows a free block: missed coalescing", b).isFalse();
            previousFree = free;
            b += size;
            blocks++;
        }
        assertThat(b).as("blocks must end exactly at the heap's end").isEqualTo(a.heap().size());
        return blocks;
    }

    @Test
    void block_sizes_and_tags() {
        assertThat(ImplicitFreeListAllocator.blockSizeFor(1)).isEqualTo(16);
        assertThat(ImplicitFreeListAllocator.blockSizeFor(8)).isEqualTo(16);
        assertThat(ImplicitFreeListAllocator.blockSizeFor(9)).isEqualTo(24);
        assertThat(ImplicitFreeListAllocator.blockSizeFor(100)).isEqualTo(112);
        int tag = ImplicitFreeListAllocator.pack(48, true);
        assertThat(ImplicitFreeListAllocator.blockSize(tag)).isEqualTo(48);
        assertThat(ImplicitFreeListAllocator.isAllocated(tag)).isTrue();
        assertThat(ImplicitFreeListAllocator.isAllocated(ImplicitFreeListAllocator.pack(48, false))).isFalse();
    }

    @Test
    void first_blocks_have_header_and_footer() {
        ImplicitFreeListAllocator a = new ImplicitFreeListAllocator(HeapBytes.withMax(1 << 16));
        assertThat(a.alloc(10)).isEqualTo(8);
        assertThat(tag(a, 4)).isEqualTo(ImplicitFreeListAllocator.pack(24, true));
        assertThat(tag(a, 24)).isEqualTo(ImplicitFreeListAllocator.pack(24, true));
        assertThat(a.alloc(8)).isEqualTo(32);
        assertThat(a.heap().size()).isEqualTo(44);
        assertThat(a.alloc(0)).isEqualTo(Allocator.NULL);
    }

    @Test
    void a_big_free_block_is_split_and_the_rest_stays_free() {
        ImplicitFreeListAllocator a = new ImplicitFreeListAllocator(HeapBytes.withMax(1 << 16));
        int big = a.alloc(120);            // block of 128 at 4
        int guard = a.alloc(8);
        a.dealloc(big);
        assertThat(a.alloc(16)).isEqualTo(big);  // block of 24 at 4, the rest (104) free at 28
        assertThat(tag(a, 4)).isEqualTo(ImplicitFreeListAllocator.pack(24, true));
        assertThat(tag(a, 28)).isEqualTo(ImplicitFreeListAllocator.pack(104, false));
        assertThat(tag(a, 28 + 104 - 4)).isEqualTo(ImplicitFreeListAllocator.pack(104, false));
        assertThat(a.alloc(80)).as("first fit takes the free rest").isEqualTo(32);
        assertThat(tag(a, 28)).as("a rest of exactly 16 bytes is split off").isEqualTo(ImplicitFreeListAllocator.pack(88, true));
        assertThat(tag(a, 116)).isEqualTo(ImplicitFreeListAllocator.pack(16, false));
        assertThat(a.heap().readInt(guard - 4)).isEqualTo(ImplicitFreeListAllocator.pack(16, true));
        walk(a);
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
        assertThat(tag(a, x - 4)).isEqualTo(ImplicitFreeListAllocator.pack(96, false));
        assertThat(tag(a, x - 4 + 96 - 4)).isEqualTo(ImplicitFreeListAllocator.pack(96, false));
        assertThat(walk(a)).isEqualTo(2);
        assertThat(a.alloc(88)).isEqualTo(x);
    }

    @Test
    void random_workout_is_valid_and_coalesced() {
        for (long seed = 1; seed <= 3; seed++) {
            ImplicitFreeListAllocator a = new ImplicitFreeListAllocator(HeapBytes.withMax(1 << 22));
            Workout.checked(a, Workout.random("random-" + seed, seed, 800, 300, true));
            walk(a);
        }
    }

    @Test
    void freed_space_is_reused_before_the_heap_grows() {
        ImplicitFreeListAllocator a = new ImplicitFreeListAllocator(HeapBytes.withMax(1 << 20));
        ReplayReport r = Workout.checked(a, Workout.random("reuse", 7, 2000, 64, false));
        assertThat(r.utilization()).as("utilization of a first-fit list with coalescing").isGreaterThan(0.45);
    }
}
