package dev.alloclab.hidden.vec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.alloclab.core.check.ViolationException;
import dev.alloclab.core.vec.VecMetadata;
import dev.alloclab.exercises.vec.IntVec;
import org.junit.jupiter.api.Test;

class IntVecHiddenTest {
    @Test
    void pushes_grow_by_doubling_and_keep_every_element() {
        TrackingHeap heap = new TrackingHeap();
        IntVec vec = new IntVec(heap);
        assertThat(vec.length()).as("length() of a new vec").isZero();
        for (int i = 0; i < 100; i++) {
            vec.push(i * 3);
            assertThat(vec.capacity()).as("capacity() once the vec holds %d pushed elements: the first push makes "
                    + "room for 4, and a push on a full vec doubles the capacity (4, 8, 16, ...)", i + 1)
                    .isEqualTo(Math.max(4, Integer.highestOneBit(i) * 2));
        }
        for (int i = 0; i < 100; i++) {
            assertThat(vec.get(i)).as("get(%d) after pushing 0, 3, 6, ..., 297: growing must copy every element "
                    + "to the new block", i).isEqualTo(i * 3);
        }
        assertThat(heap.liveBlocks()).as("blocks still allocated after 100 pushes: the vec owns one block, so each "
                + "old buffer must be freed after growing (copy first, then dealloc)").isEqualTo(1);
        assertThat(heap.isLive(vec.metadata().memoryIndexOfFirstElement())).as("does metadata()."
                + "memoryIndexOfFirstElement() after 100 pushes name the start of a live block? It must be the new "
                + "block's index").isTrue();
    }

    /**
     * The elements live in the heap block the metadata names, element {@code i} at {@code first + 4 * i} (the stub
     * and docs/exercises/vec.md): read back from the heap's bytes after every push, so growing must have copied the
     * old block's bytes. A vec that keeps its elements in a Java array and only allocates blocks of the right size
     * passed every other test (QA session 18, hostile 5).
     */
    @Test
    void the_elements_are_the_heap_ints_of_the_block_the_metadata_names() {
        TrackingHeap heap = new TrackingHeap();
        IntVec vec = new IntVec(heap);
        int[] expected = new int[40];
        for (int i = 0; i < expected.length; i++) {
            expected[i] = 7 + i * 3;
            vec.push(expected[i]);
            expectInHeap(heap, vec, java.util.Arrays.copyOf(expected, i + 1), "after pushing 7, 10, 13, ..., " + expected[i]);
        }
        vec.set(17, -5);
        expected[17] = -5;
        expectInHeap(heap, vec, expected, "after 40 pushes and set(17, -5)");
        heap.writeInt(vec.metadata().memoryIndexOfFirstElement() + 3 * VecMetadata.ELEMENT_BYTES, 1234);
        assertThat(vec.get(3)).as("get(3) after the heap int at first + 4 * 3 was set to 1234 through the heap: get "
                + "reads the element from the vec's heap block").isEqualTo(1234);
    }

    /**
     * The metadata agrees with {@code length()} and {@code capacity()}, names a live block, and the heap ints at
     * {@code first + 4 * i} are {@code expected}.
     */
    private static void expectInHeap(TrackingHeap heap, IntVec vec, int[] expected, String when) {
        VecMetadata m = vec.metadata();
        assertThat(m.length()).as("metadata().length() %s", when).isEqualTo(expected.length);
        assertThat(m.capacity()).as("metadata().capacity() %s: the same as capacity()", when).isEqualTo(vec.capacity());
        assertThat(heap.isLive(m.memoryIndexOfFirstElement())).as("does metadata().memoryIndexOfFirstElement() "
                + "(%d) %s name the start of a live heap block? The elements live in that block",
                m.memoryIndexOfFirstElement(), when).isTrue();
        for (int i = 0; i < expected.length; i++) {
            int at = m.memoryIndexOfFirstElement() + i * VecMetadata.ELEMENT_BYTES;
            String what = String.format("the heap int at first + 4 * %d (index %d) %s: element %d lives in the vec's "
                    + "heap block, and growing copies the old block's bytes into the new one", i, at, when, i);
            int inHeap;
            try {
                inHeap = heap.readInt(at);
            } catch (ViolationException notWritten) {
                throw new AssertionError(what + "; the checked heap reported: " + notWritten.getMessage(), notWritten);
            }
            assertThat(inHeap).as(what).isEqualTo(expected[i]);
        }
    }

    /**
     * When the heap has no room for the bigger block, {@code alloc} returns NULL (-1), and NULL is not a block: the
     * vec must not copy to it, write through it or carry on as if it had grown. Which exception push then throws is
     * not fixed (the kit's own throws a {@code KitException} saying "out of memory"); going on without a block is
     * what fails, and so is the checked heap's report of an index -1 used as a block.
     */
    @Test
    void a_push_that_finds_the_heap_full_does_not_use_null_as_a_block() {
        // 16 + 32 bytes fit; the third block (64 bytes, for 16 elements) does not
        TrackingHeap heap = new TrackingHeap(96);
        IntVec vec = new IntVec(heap);
        int[] pushed = {7, 10, 13, 16, 19, 22, 25, 28};
        for (int value : pushed) {
            vec.push(value);
        }
        expectInHeap(heap, vec, pushed, "after pushing 7, 10, ..., 28 on a heap of 96 bytes");
        String push = "push(31) on a full vec of 8 whose heap (96 bytes, 48 of them handed out) has no room for the "
                + "64-byte block: alloc returned NULL (-1)";
        try {
            vec.push(31);
        } catch (ViolationException usedNull) {
            throw new AssertionError(push + ", and your vec then used NULL as a block index: check what alloc "
                    + "returns before you copy or write (throwing an exception then is fine). The checked heap "
                    + "reported: " + usedNull.getMessage(), usedNull);
        } catch (RuntimeException refused) {
            return; // refusing the push is what a vec can do without memory
        }
        VecMetadata m;
        try {
            m = vec.metadata();
        } catch (RuntimeException invalid) {
            throw new AssertionError(push + ", but push returned as if the vec had grown, and metadata() then "
                    + "threw: " + invalid + ". When alloc returns NULL there is no block: throw an exception", invalid);
        }
        assertThat(heap.isLive(m.memoryIndexOfFirstElement())).as("%s, but push returned as if the vec had grown: "
                + "does metadata().memoryIndexOfFirstElement() (%d) name a live heap block? When alloc returns NULL "
                + "there is no block: throw an exception", push, m.memoryIndexOfFirstElement()).isTrue();
        expectInHeap(heap, vec, new int[] {7, 10, 13, 16, 19, 22, 25, 28, 31},
                "after " + push + " and push returned");
    }

    @Test
    void free_returns_the_block_and_the_vec_can_be_reused() {
        TrackingHeap heap = new TrackingHeap();
        IntVec vec = new IntVec(heap);
        for (int i = 0; i < 9; i++) {
            vec.push(i);
        }
        vec.free();
        assertThat(heap.liveBlocks()).as("blocks still allocated after 9 pushes and free(): free gives the "
                + "elements' block back").isZero();
        assertThat(vec.length()).as("length() after free(): a freed vec is empty").isZero();
        vec.push(7);
        assertThat(vec.get(0)).as("get(0) after free() then push(7): a freed vec can be used again").isEqualTo(7);
        vec.free();
        vec.free();
        assertThat(heap.liveBlocks()).as("blocks still allocated after free() twice in a row: the second free has "
                + "nothing to give back and must do nothing").isZero();
    }

    @Test
    void set_pop_and_bounds() {
        IntVec vec = new IntVec(new TrackingHeap());
        vec.push(1);
        vec.push(2);
        vec.set(0, 10);
        assertThat(vec.get(0)).as("get(0) after push(1), push(2), set(0, 10)").isEqualTo(10);
        assertThat(vec.pop()).as("pop() of [10, 2]: it returns the last element").isEqualTo(2);
        assertThat(vec.length()).as("length() after pop() of [10, 2]").isEqualTo(1);
        assertThatThrownBy(() -> vec.get(1), "get(1) on a vec of length 1 (capacity 4): an index at or past the "
                + "length must throw IndexOutOfBoundsException").isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> vec.get(-1), "get(-1): a negative index must throw IndexOutOfBoundsException")
                .isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> vec.set(1, 0), "set(1, 0) on a vec of length 1 (capacity 4): an index at the length "
                + "must throw IndexOutOfBoundsException, even with room in the block (0 <= i < length)")
                .isInstanceOf(IndexOutOfBoundsException.class);
        assertThat(vec.length()).as("length() after the refused set(1, 0)").isEqualTo(1);
        assertThatThrownBy(() -> vec.set(5, 0), "set(5, 0) on a vec of length 1: an index past the length must "
                + "throw IndexOutOfBoundsException").isInstanceOf(IndexOutOfBoundsException.class);
        int block = vec.metadata().memoryIndexOfFirstElement();
        assertThat(vec.pop()).as("pop() of [10]").isEqualTo(10);
        assertThat(vec.metadata().memoryIndexOfFirstElement()).as("memoryIndexOfFirstElement after popping to empty: "
                + "the same block (a vec popped to empty keeps its block and capacity; only free() gives it back)")
                .isEqualTo(block);
        assertThat(vec.capacity()).as("capacity() after popping to empty: still 4").isEqualTo(4);
        assertThatThrownBy(vec::pop, "pop() on an empty vec must throw IllegalStateException")
                .isInstanceOf(IllegalStateException.class);
        vec.push(5);
        assertThat(vec.get(0)).as("get(0) after popping to empty and push(5): the block stays the vec's until free()")
                .isEqualTo(5);
        vec.free();
    }

    @Test
    void empty_vec_owns_no_block() {
        TrackingHeap heap = new TrackingHeap();
        IntVec vec = new IntVec(heap);
        assertThat(vec.metadata().memoryIndexOfFirstElement()).as("metadata().memoryIndexOfFirstElement() of a new "
                + "vec: it allocates nothing before the first push, so NULL (-1)").isEqualTo(-1);
        vec.free();
        assertThat(heap.deallocs()).as("deallocs done by free() of a vec that never allocated: there is no block "
                + "to give back").isZero();
    }
}
