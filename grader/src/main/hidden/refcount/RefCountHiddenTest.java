package dev.alloclab.hidden.refcount;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.alloclab.exercises.refcount.RefCountedNodes;
import org.junit.jupiter.api.Test;

class RefCountHiddenTest {
    @Test
    void a_new_node_holds_one_reference() {
        TrackingHeap heap = new TrackingHeap();
        RefCountedNodes nodes = new RefCountedNodes(heap);
        int n = nodes.newNode(42);
        assertThat(nodes.count(n)).isEqualTo(1);
        assertThat(nodes.value(n)).isEqualTo(42);
        assertThat(nodes.next(n)).isEqualTo(-1);
        assertThat(heap.readInt(n + RefCountedNodes.COUNT_OFFSET)).isEqualTo(1);
        assertThat(heap.readInt(n + RefCountedNodes.VALUE_OFFSET)).isEqualTo(42);
    }

    @Test
    void the_last_release_frees_and_not_before() {
        TrackingHeap heap = new TrackingHeap();
        RefCountedNodes nodes = new RefCountedNodes(heap);
        int n = nodes.newNode(1);
        nodes.retain(n);
        nodes.retain(n);
        assertThat(nodes.count(n)).isEqualTo(3);
        nodes.release(n);
        nodes.release(n);
        assertThat(heap.isLive(n)).isTrue();
        assertThat(nodes.count(n)).isEqualTo(1);
        nodes.release(n);
        assertThat(heap.isLive(n)).isFalse();
        assertThat(heap.deallocs()).isEqualTo(1);
    }

    @Test
    void releasing_a_long_list_frees_every_node_without_recursion() {
        TrackingHeap heap = new TrackingHeap();
        RefCountedNodes nodes = new RefCountedNodes(heap);
        int head = nodes.newNode(0);
        int tail = head;
        for (int i = 1; i < 50_000; i++) {
            int n = nodes.newNode(i);
            nodes.setNext(tail, n);
            nodes.release(n);
            tail = n;
        }
        assertThat(heap.liveBlocks()).isEqualTo(50_000);
        nodes.release(head);
        assertThat(heap.liveBlocks()).isZero();
    }

    @Test
    void set_next_retains_the_new_target_and_releases_the_old() {
        TrackingHeap heap = new TrackingHeap();
        RefCountedNodes nodes = new RefCountedNodes(heap);
        int a = nodes.newNode(1);
        int b = nodes.newNode(2);
        int c = nodes.newNode(3);
        nodes.setNext(a, b);
        assertThat(nodes.count(b)).isEqualTo(2);
        nodes.release(b);
        nodes.setNext(a, c);
        assertThat(heap.isLive(b)).as("b lost its last reference").isFalse();
        assertThat(nodes.count(c)).isEqualTo(2);
        nodes.setNext(a, c);
        assertThat(nodes.count(c)).as("pointing at the same node again keeps its count").isEqualTo(2);
        nodes.release(a);
        nodes.release(c);
        assertThat(heap.liveBlocks()).isZero();
    }

    @Test
    void a_cycle_leaks_and_a_count_never_goes_below_zero() {
        TrackingHeap heap = new TrackingHeap();
        RefCountedNodes nodes = new RefCountedNodes(heap);
        int a = nodes.newNode(1);
        nodes.retain(a);
        nodes.release(a);
        nodes.release(a);
        assertThat(heap.isLive(a)).isFalse();
        int x = nodes.newNode(1);
        int y = nodes.newNode(2);
        nodes.setNext(x, y);
        nodes.setNext(y, x);
        nodes.release(x);
        nodes.release(y);
        assertThat(heap.liveBlocks()).as("a cycle keeps both counts above zero").isEqualTo(2);
        assertThat(nodes.count(x)).isEqualTo(1);
        int z = nodes.newNode(3);
        heap.writeInt(z + RefCountedNodes.COUNT_OFFSET, 0);
        assertThatThrownBy(() -> nodes.release(z)).as("a count of 0 must not go below zero")
                .isInstanceOf(IllegalStateException.class);
        assertThat(heap.isLive(z)).isTrue();
    }
}
