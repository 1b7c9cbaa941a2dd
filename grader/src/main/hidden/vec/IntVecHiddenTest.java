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
        assertThat(vec.length()).isZero();
        for (int i = 0; i < 100; i++) {
            vec.push(i * 3);
            assertThat(vec.capacity()).isEqualTo(Math.max(4, Integer.highestOneBit(i) * 2));
        }
        for (int i = 0; i < 100; i++) {
            assertThat(vec.get(i)).isEqualTo(i * 3);
        }
        assertThat(heap.liveBlocks()).as("old buffers must be freed after growing").isEqualTo(1);
        assertThat(heap.isLive(vec.metadata().memoryIndexOfFirstElement())).isTrue();
    }

    @Test
    void free_returns_the_block_and_the_vec_can_be_reused() {
        TrackingHeap heap = new TrackingHeap();
        IntVec vec = new IntVec(heap);
        for (int i = 0; i < 9; i++) {
            vec.push(i);
        }
        vec.free();
        assertThat(heap.liveBlocks()).isZero();
        assertThat(vec.length()).isZero();
        vec.push(7);
        assertThat(vec.get(0)).isEqualTo(7);
        vec.free();
        vec.free();
        assertThat(heap.liveBlocks()).isZero();
    }

    @Test
    void set_pop_and_bounds() {
        IntVec vec = new IntVec(new TrackingHeap());
        vec.push(1);
        vec.push(2);
        vec.set(0, 10);
        assertThat(vec.get(0)).isEqualTo(10);
        assertThat(vec.pop()).isEqualTo(2);
        assertThat(vec.length()).isEqualTo(1);
        assertThatThrownBy(() -> vec.get(1)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> vec.get(-1)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> vec.set(5, 0)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThat(vec.pop()).isEqualTo(10);
        assertThatThrownBy(vec::pop).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void empty_vec_owns_no_block() {
        TrackingHeap heap = new TrackingHeap();
        IntVec vec = new IntVec(heap);
        assertThat(vec.metadata().memoryIndexOfFirstElement()).isEqualTo(-1);
        vec.free();
        assertThat(heap.deallocs()).isZero();
    }
}
