package dev.alloclab.exercises.refcount;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.alloclab.core.alloc.Allocator;
import dev.alloclab.exercises.support.TrackingHeap;
import org.junit.jupiter.api.Test;

/**
 * Visible tests of reference counting, on a heap that fails on a use after free and a double
 * free and lists the leaks. Instructions: docs/exercises/refcount.md.
 */
class RefCountedNodesTest {
    private final TrackingHeap heap = new TrackingHeap();
    private final RefCountedNodes nodes = new RefCountedNodes(heap);

    @Test
    void a_new_node_has_one_reference_and_no_next() {
        int node = nodes.newNode(1995);
        assertThat(nodes.count(node)).isEqualTo(1);
        assertThat(nodes.value(node)).isEqualTo(1995);
        assertThat(nodes.next(node)).isEqualTo(Allocator.NULL);
        // the count lives in the heap bytes of the node itself
        assertThat(heap.readInt(node + RefCountedNodes.COUNT_OFFSET)).isEqualTo(1);
    }

    @Test
    void the_last_release_frees_the_node() {
        // GIVEN a node with two owners
        int node = nodes.newNode(7);
        nodes.retain(node);
        assertThat(nodes.count(node)).isEqualTo(2);
        // WHEN the first lets go, it stays; WHEN the second lets go, it is freed
        nodes.release(node);
        assertThat(nodes.count(node)).isEqualTo(1);
        nodes.release(node);
        assertThat(heap.leaks()).isEmpty();
    }

    @Test
    void releasing_the_head_of_a_chain_frees_the_whole_chain() {
        // GIVEN a -> b -> c, where only the chain holds b and c
        int a = nodes.newNode(1);
        int b = nodes.newNode(2);
        int c = nodes.newNode(3);
        nodes.setNext(a, b);
        nodes.setNext(b, c);
        nodes.release(b);
        nodes.release(c);
        assertThat(nodes.count(b)).isEqualTo(1);
        // WHEN the one outside reference to a goes
        nodes.release(a);
        // THEN a, b and c are all freed
        assertThat(heap.leaks()).isEmpty();
    }

    @Test
    void a_node_shared_by_two_chains_survives_one_of_them() {
        int a = nodes.newNode(1);
        int b = nodes.newNode(2);
        int shared = nodes.newNode(3);
        nodes.setNext(a, shared);
        nodes.setNext(b, shared);
        nodes.release(shared);
        nodes.release(a);
        assertThat(nodes.count(shared)).isEqualTo(1);
        assertThat(nodes.value(shared)).isEqualTo(3);
        nodes.release(b);
        assertThat(heap.leaks()).isEmpty();
    }

    @Test
    void set_next_retains_the_new_target_before_releasing_the_old() {
        int a = nodes.newNode(1);
        int b = nodes.newNode(2);
        nodes.setNext(a, b);
        assertThat(nodes.count(b)).isEqualTo(2);
        // pointing a at b again must not free b on the way
        nodes.setNext(a, b);
        assertThat(nodes.count(b)).isEqualTo(2);
        nodes.setNext(a, Allocator.NULL);
        assertThat(nodes.count(b)).isEqualTo(1);
    }

    @Test
    void a_cycle_keeps_itself_alive_and_leaks() {
        // GIVEN a <-> b: each holds a reference to the other
        int a = nodes.newNode(1);
        int b = nodes.newNode(2);
        nodes.setNext(a, b);
        nodes.setNext(b, a);
        // WHEN the program drops its own references to both
        nodes.release(a);
        nodes.release(b);
        // THEN both counts are still 1 and nothing can ever reach them: the heap reports two leaks
        assertThat(nodes.count(a)).isEqualTo(1);
        assertThat(nodes.count(b)).isEqualTo(1);
        assertThat(heap.leaks()).hasSize(2);
    }

    @Test
    void releasing_a_freed_node_again_is_caught() {
        int node = nodes.newNode(1);
        nodes.release(node);
        assertThatThrownBy(() -> nodes.release(node)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("use-after-free");
    }

    @Test
    void a_long_chain_is_released_without_running_out_of_stack() {
        int head = nodes.newNode(0);
        int tail = head;
        for (int i = 1; i < 20_000; i++) {
            int next = nodes.newNode(i);
            nodes.setNext(tail, next);
            nodes.release(next);
            tail = next;
        }
        nodes.release(head);
        assertThat(heap.leaks()).isEmpty();
    }
}
