package dev.alloclab.exercises.refcount;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.alloclab.core.KitException;
import dev.alloclab.core.alloc.Allocator;
import dev.alloclab.core.alloc.PlainHeap;
import dev.alloclab.core.alloc.ReferenceAllocator;
import dev.alloclab.core.check.CheckedHeap;
import dev.alloclab.core.check.LeakReport;
import dev.alloclab.core.memory.HeapBytes;
import org.junit.jupiter.api.Test;

/** An exemplary student test file for reference counting. */
class RefCountedNodesStudentTest {
    private final CheckedHeap heap = checkedHeap();
    private final RefCountedNodes nodes = new RefCountedNodes(heap);

    @Test
    void retain_and_release_balance_out() {
        int node = nodes.newNode(42);
        nodes.retain(node);
        nodes.retain(node);
        assertThat(nodes.count(node)).isEqualTo(3);
        nodes.release(node);
        nodes.release(node);
        nodes.release(node);
        assertNoLeaks(heap);
    }

    @Test
    void moving_next_from_one_node_to_another_frees_the_old_target_when_no_one_else_holds_it() {
        int a = nodes.newNode(1);
        int old = nodes.newNode(2);
        int fresh = nodes.newNode(3);
        nodes.setNext(a, old);
        nodes.release(old);          // only a holds old now
        nodes.setNext(a, fresh);     // so old is freed here
        assertThat(nodes.next(a)).isEqualTo(fresh);
        assertThat(heap.liveBlocks()).hasSize(2);
        nodes.release(fresh);
        nodes.release(a);
        assertNoLeaks(heap);
    }

    @Test
    void a_count_that_would_go_below_zero_is_refused() {
        // on a plain heap (no quarantine) a node whose count was forced to 0 is released once more
        PlainHeap plain = PlainHeap.over(ReferenceAllocator.firstFit(HeapBytes.withMax(1024)));
        RefCountedNodes unchecked = new RefCountedNodes(plain);
        int node = unchecked.newNode(7);
        plain.writeInt(node + RefCountedNodes.COUNT_OFFSET, 0);
        assertThatThrownBy(() -> unchecked.release(node)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void a_full_heap_makes_new_node_fail_with_a_sentence() {
        RefCountedNodes tiny = new RefCountedNodes(CheckedHeap.over(ReferenceAllocator.firstFit(HeapBytes.withMax(24))));
        tiny.newNode(1);
        assertThatThrownBy(() -> tiny.newNode(2)).isInstanceOf(KitException.class).hasMessageContaining("out of memory");
        assertThat(nodes.next(nodes.newNode(0))).isEqualTo(Allocator.NULL);
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
