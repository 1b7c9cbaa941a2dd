package dev.alloclab.hidden.vec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
        assertThatThrownBy(() -> vec.set(5, 0), "set(5, 0) on a vec of length 1: an index past the length must "
                + "throw IndexOutOfBoundsException").isInstanceOf(IndexOutOfBoundsException.class);
        assertThat(vec.pop()).as("pop() of [10]").isEqualTo(10);
        assertThatThrownBy(vec::pop, "pop() on an empty vec must throw IllegalStateException")
                .isInstanceOf(IllegalStateException.class);
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
