package dev.alloclab.exercises.vec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.alloclab.core.KitException;
import dev.alloclab.core.alloc.ReferenceAllocator;
import dev.alloclab.core.check.CheckedHeap;
import dev.alloclab.core.check.LeakReport;
import dev.alloclab.core.memory.HeapBytes;
import org.junit.jupiter.api.Test;

/** An exemplary student test file for the vec, on the checked heap. */
class IntVecStudentTest {
    private final CheckedHeap heap = checkedHeap();

    @Test
    void capacity_goes_4_8_16_as_the_vec_grows() {
        IntVec vec = new IntVec(heap);
        assertThat(vec.capacity()).isZero();
        for (int i = 1; i <= 9; i++) {
            vec.push(i);
        }
        assertThat(vec.capacity()).isEqualTo(16);
        assertThat(vec.length()).isEqualTo(9);
        assertThat(heap.liveBlocks()).hasSize(1);
        vec.free();
        assertNoLeaks(heap);
    }

    @Test
    void popping_everything_keeps_the_block_until_free() {
        IntVec vec = new IntVec(heap);
        vec.push(5);
        assertThat(vec.pop()).isEqualTo(5);
        assertThat(vec.capacity()).isEqualTo(4);
        assertThat(heap.liveBlocks()).hasSize(1);
        assertThatThrownBy(() -> vec.get(0)).isInstanceOf(IndexOutOfBoundsException.class);
        vec.free();
        vec.free();   // freeing an empty vec is harmless: it owns no block
        assertNoLeaks(heap);
    }

    @Test
    void running_out_of_memory_while_growing_says_so() {
        IntVec vec = new IntVec(CheckedHeap.over(ReferenceAllocator.firstFit(HeapBytes.withMax(64))));
        assertThatThrownBy(() -> {
            for (int i = 0; i < 100; i++) {
                vec.push(i);
            }
        }).isInstanceOf(KitException.class).hasMessageContaining("out of memory");
    }

    /** The checked heap: a use-after-free or double free throws a ViolationException naming the lines involved. */
    private static CheckedHeap checkedHeap() {
        return CheckedHeap.builder(ReferenceAllocator.firstFit(HeapBytes.withMax(1 << 20))).captureCallerSites(true).build();
    }

    private static void assertNoLeaks(CheckedHeap heap) {
        LeakReport report = heap.leakReport();
        assertThat(report.hasLeaks()).withFailMessage("%s", report.render()).isFalse();
    }
}
