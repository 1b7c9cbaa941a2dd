package dev.alloclab.exercises.refcount;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.alloclab.core.KitException;
import dev.alloclab.core.alloc.Allocator;
import dev.alloclab.core.check.BlockRecord;
import dev.alloclab.core.check.CheckedHeap;
import dev.alloclab.core.check.Violation;
import dev.alloclab.core.check.ViolationException;
import dev.alloclab.exercises.support.ProgramHeaps;
import org.junit.jupiter.api.Test;

/**
 * Visible tests of reference counting, on core's checked heap: a use after free or a double free
 * stops the test with a report naming your lines, and its leak report lists what a cycle keeps
 * alive. Instructions: docs/exercises/refcount.md.
 */
class RefCountedNodesTest {
    private final CheckedHeap heap = ProgramHeaps.checked();
    private final RefCountedNodes nodes = new RefCountedNodes(heap);

    @Test
    void a_new_node_has_one_reference_and_no_next() {
        int node = nodes.newNode(1995);
        assertThat(nodes.count(node)).as("count of a new node: its creator holds the one reference").isEqualTo(1);
        assertThat(nodes.value(node)).as("value of newNode(1995)").isEqualTo(1995);
        assertThat(nodes.next(node)).as("next of a new node: it points nowhere, NULL (-1); fresh heap bytes are 0, a "
                + "valid index, so newNode must write NULL itself").isEqualTo(Allocator.NULL);
        // the count lives in the heap bytes of the node itself
        assertThat(heap.readInt(node + RefCountedNodes.COUNT_OFFSET)).as("the int at node + COUNT_OFFSET: the count "
                + "lives in the node's own heap bytes").isEqualTo(1);
    }

    @Test
    void the_last_release_frees_the_node() {
        // GIVEN a node with two owners
        int node = nodes.newNode(7);
        nodes.retain(node);
        assertThat(nodes.count(node)).as("count after newNode and one retain").isEqualTo(2);
        // WHEN the first lets go, it stays; WHEN the second lets go, it is freed
        nodes.release(node);
        assertThat(nodes.count(node)).as("count after one of the two owners released it: the node stays")
                .isEqualTo(1);
        nodes.release(node);
        ProgramHeaps.assertNoLeaks(heap);
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
        assertThat(nodes.count(b)).as("count of b after its creator released it: a.next still holds it")
                .isEqualTo(1);
        // WHEN the one outside reference to a goes
        nodes.release(a);
        // THEN a, b and c are all freed
        ProgramHeaps.assertNoLeaks(heap);
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
        assertThat(nodes.count(shared)).as("count of the shared node after its creator and chain a let go: b.next "
                + "still holds it").isEqualTo(1);
        assertThat(nodes.value(shared)).as("value of the shared node, still alive").isEqualTo(3);
        nodes.release(b);
        ProgramHeaps.assertNoLeaks(heap);
    }

    @Test
    void set_next_retains_the_new_target_before_releasing_the_old() {
        int a = nodes.newNode(1);
        int b = nodes.newNode(2);
        nodes.setNext(a, b);
        assertThat(nodes.count(b)).as("count of b after setNext(a, b): its creator and a.next").isEqualTo(2);
        // pointing a at b again must not free b on the way
        nodes.setNext(a, b);
        assertThat(nodes.count(b)).as("count of b after a second setNext(a, b): unchanged (retain the new target, "
                + "then release the old one, which is the same node)").isEqualTo(2);
        nodes.setNext(a, Allocator.NULL);
        assertThat(nodes.count(b)).as("count of b after setNext(a, NULL): a.next let go of it").isEqualTo(1);
        // and when a.next holds b's only reference, pointing a at b again must not free b either: releasing the
        // old target first would free b, and retaining it after that would read a freed block
        nodes.setNext(a, b);
        nodes.release(b);
        assertThat(nodes.count(b)).as("count of b after its creator released it: a.next alone holds it").isEqualTo(1);
        nodes.setNext(a, b);
        assertThat(nodes.count(b)).as("count of b after setNext(a, b) while a.next was its only holder: still 1")
                .isEqualTo(1);
        nodes.release(a);
        ProgramHeaps.assertNoLeaks(heap);
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
        assertThat(nodes.count(a)).as("count of a in the cycle after the program's release: b.next holds it")
                .isEqualTo(1);
        assertThat(nodes.count(b)).as("count of b in the cycle after the program's release: a.next holds it")
                .isEqualTo(1);
        assertThat(heap.leakReport().leaks()).as("the heap's leaks: the two nodes of the cycle").extracting(Violation::kind)
                .containsExactly(Violation.Kind.LEAK, Violation.Kind.LEAK);
        assertThat(heap.leakReport().leaks()).extracting(leak -> leak.block().from()).containsExactlyInAnyOrder(a, b);
    }

    @Test
    void a_full_heap_makes_new_node_throw_and_a_count_of_zero_is_never_released() {
        // GIVEN a heap of at most 64 bytes: a few nodes fit, then alloc answers NULL (-1)
        RefCountedNodes cramped = new RefCountedNodes(ProgramHeaps.checked(64));
        assertThatThrownBy(() -> {
            for (int i = 0; i < 64; i++) {
                cramped.newNode(i);
            }
        }, "newNode on a heap of 64 bytes until it is full: when alloc returns NULL, newNode throws a KitException "
                + "(never hands out NULL, -1, as a node)").isInstanceOf(KitException.class);
        // AND a node whose count is already 0 (written straight into its heap bytes) cannot be released
        int node = nodes.newNode(3);
        heap.writeInt(node + RefCountedNodes.COUNT_OFFSET, 0);
        assertThatThrownBy(() -> nodes.release(node), "release of a node whose count is already 0: a count never goes "
                + "below zero, so IllegalStateException").isInstanceOf(IllegalStateException.class);
        assertThat(nodes.count(node)).as("count after that refused release: a refused release changes nothing (check "
                + "before you write the new count)").isZero();
        assertThat(heap.liveBlocks()).as("the heap's live blocks after that refused release: it must not dealloc")
                .extracting(BlockRecord::from).contains(node);
    }

    @Test
    void releasing_a_freed_node_again_is_caught() {
        int node = nodes.newNode(1);
        nodes.release(node);
        // the second release reads the freed node's count: the checked heap stops it there
        assertThatThrownBy(() -> nodes.release(node)).isInstanceOfSatisfying(ViolationException.class,
                e -> assertThat(e.violation().kind()).isEqualTo(Violation.Kind.USE_AFTER_FREE));
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
        ProgramHeaps.assertNoLeaks(heap);
    }
}
