package dev.alloclab.hidden.refcount;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.alloclab.core.alloc.Allocator;
import dev.alloclab.exercises.refcount.RefCountedNodes;
import org.junit.jupiter.api.Test;

class RefCountHiddenTest {
    @Test
    void a_new_node_holds_one_reference() {
        TrackingHeap heap = new TrackingHeap();
        RefCountedNodes nodes = new RefCountedNodes(heap);
        int n = nodes.newNode(42);
        assertThat(nodes.count(n)).as("count(n) of a node just made by newNode(42): its creator holds the one "
                + "reference").isEqualTo(1);
        assertThat(nodes.value(n)).as("value(n) of the node made by newNode(42)").isEqualTo(42);
        assertThat(nodes.next(n)).as("next(n) of the node made by newNode(42): a new node points nowhere (NULL, -1)")
                .isEqualTo(-1);
        assertThat(heap.readInt(n + RefCountedNodes.COUNT_OFFSET)).as("the heap int at n + COUNT_OFFSET after "
                + "newNode(42): the count lives in the node's block, not in a Java field").isEqualTo(1);
        assertThat(heap.readInt(n + RefCountedNodes.VALUE_OFFSET)).as("the heap int at n + VALUE_OFFSET after "
                + "newNode(42): the value lives in the node's block").isEqualTo(42);
        RefCountedNodes cramped = new RefCountedNodes(new TrackingHeap(64));
        assertThatThrownBy(() -> {
            for (int i = 0; i < 64; i++) {
                cramped.newNode(i);
            }
        }, "newNode on a heap of 64 bytes, until it is full: when alloc returns NULL, newNode must throw a "
                + "KitException (never hand out NULL, -1, as a node)").isInstanceOf(dev.alloclab.core.KitException.class);
    }

    /**
     * The int at {@code node + offset} in the heap is {@code expected}: counts and links live in the node's block
     * (the contract: count at +0, next at +4), not in Java fields that {@code count} and {@code next} read instead
     * (QA session 18, hostile 5: only the first test read the heap).
     */
    private static void expectInHeap(TrackingHeap heap, int node, int offset, int expected, String what, String when) {
        assertThat(heap.readInt(node + offset)).as("the heap int at node %d + %d (%s) %s: it lives in the node's "
                + "heap block, not in a Java field", node, offset, what, when).isEqualTo(expected);
    }

    @Test
    void the_last_release_frees_and_not_before() {
        TrackingHeap heap = new TrackingHeap();
        RefCountedNodes nodes = new RefCountedNodes(heap);
        int n = nodes.newNode(1);
        nodes.retain(n);
        nodes.retain(n);
        assertThat(nodes.count(n)).as("count(n) after newNode and two retain(n): each retain adds one reference")
                .isEqualTo(3);
        expectInHeap(heap, n, RefCountedNodes.COUNT_OFFSET, 3, "the count", "after newNode and two retain(n)");
        nodes.release(n);
        nodes.release(n);
        assertThat(heap.isLive(n)).as("is the node still allocated after 3 references and 2 release(n)? One "
                + "reference is left, so it must be").isTrue();
        assertThat(nodes.count(n)).as("count(n) after 3 references and 2 release(n)").isEqualTo(1);
        expectInHeap(heap, n, RefCountedNodes.COUNT_OFFSET, 1, "the count", "after 3 references and 2 release(n)");
        nodes.release(n);
        assertThat(heap.isLive(n)).as("is the node still allocated after its third and last release(n)? At a count "
                + "of 0 release must dealloc it").isFalse();
        assertThat(heap.deallocs()).as("deallocs done by newNode, 2 retain and 3 release of one node: exactly one, "
                + "at the last release").isEqualTo(1);
        // freeing a node releases its next once, also when that next has other references and lives on
        int a = nodes.newNode(1);
        int b = nodes.newNode(2);
        nodes.setNext(a, b);
        nodes.release(a);
        assertThat(heap.isLive(b)).as("is b still allocated after setNext(a, b) and release(a)? Its creator still "
                + "holds it").isTrue();
        assertThat(nodes.count(b)).as("count(b) after setNext(a, b) and release(a): a's count reached 0, so a "
                + "released its next; only b's creator holds it now").isEqualTo(1);
        expectInHeap(heap, b, RefCountedNodes.COUNT_OFFSET, 1, "the count", "after a, which pointed at b, was freed");
        nodes.release(b);
        assertThat(heap.liveBlocks()).as("blocks still allocated after release(b) too").isZero();
    }

    @Test
    void releasing_a_long_list_frees_every_node_without_recursion() {
        TrackingHeap heap = TrackingHeap.withoutSites();
        RefCountedNodes nodes = new RefCountedNodes(heap);
        int head = nodes.newNode(0);
        int tail = head;
        for (int i = 1; i < 50_000; i++) {
            int n = nodes.newNode(i);
            nodes.setNext(tail, n);
            nodes.release(n);
            tail = n;
        }
        assertThat(heap.liveBlocks()).as("blocks allocated after building a list of 50000 nodes (each newNode, "
                + "setNext(tail, node), release(node)): every node is still held by its predecessor's next")
                .isEqualTo(50_000);
        nodes.release(head);
        assertThat(heap.liveBlocks()).as("blocks still allocated after release(head) of that 50000-node list: the "
                + "head's count reaches 0, so it must release its next, and so on down the list (in a loop: recursion "
                + "would overflow the stack)").isZero();
    }

    @Test
    void set_next_retains_the_new_target_and_releases_the_old() {
        TrackingHeap heap = new TrackingHeap();
        RefCountedNodes nodes = new RefCountedNodes(heap);
        int a = nodes.newNode(1);
        int b = nodes.newNode(2);
        int c = nodes.newNode(3);
        nodes.setNext(a, b);
        assertThat(nodes.count(b)).as("count(b) after setNext(a, b): b's creator and a.next both hold it")
                .isEqualTo(2);
        expectInHeap(heap, b, RefCountedNodes.COUNT_OFFSET, 2, "the count", "after setNext(a, b)");
        expectInHeap(heap, a, RefCountedNodes.NEXT_OFFSET, b, "next", "after setNext(a, b)");
        nodes.release(b);
        nodes.setNext(a, c);
        assertThat(heap.isLive(b)).as("is b still allocated after release(b) and setNext(a, c)? a.next was its last "
                + "reference, and setNext must release the old target").isFalse();
        assertThat(nodes.count(c)).as("count(c) after setNext(a, c): c's creator and a.next both hold it")
                .isEqualTo(2);
        expectInHeap(heap, c, RefCountedNodes.COUNT_OFFSET, 2, "the count", "after setNext(a, c)");
        expectInHeap(heap, a, RefCountedNodes.NEXT_OFFSET, c, "next", "after setNext(a, c)");
        nodes.setNext(a, c);
        assertThat(nodes.count(c)).as("count(c) after a second setNext(a, c): pointing at the same node again "
                + "keeps its count (retain the new target before releasing the old)").isEqualTo(2);
        nodes.release(c);
        // a.next now holds c's only reference: releasing the old target first would free c while a points at it
        nodes.setNext(a, c);
        assertThat(heap.isLive(c)).as("is c still allocated after release(c) and a third setNext(a, c)? a.next was "
                + "c's only reference and still is: retain the new target before releasing the old, or setNext(a, "
                + "a.next) frees the node it keeps").isTrue();
        assertThat(nodes.count(c)).as("count(c) after release(c) and a third setNext(a, c): a.next alone holds it")
                .isEqualTo(1);
        nodes.setNext(a, Allocator.NULL);
        assertThat(heap.isLive(c)).as("is c still allocated after setNext(a, NULL)? a.next was its last reference, "
                + "and pointing a at NULL releases the old target too").isFalse();
        expectInHeap(heap, a, RefCountedNodes.NEXT_OFFSET, Allocator.NULL, "next", "after setNext(a, NULL)");
        nodes.release(a);
        assertThat(heap.liveBlocks()).as("blocks still allocated after setNext(a, NULL) and release(a): nothing is "
                + "left").isZero();
    }

    @Test
    void a_cycle_leaks_and_a_count_never_goes_below_zero() {
        TrackingHeap heap = new TrackingHeap();
        RefCountedNodes nodes = new RefCountedNodes(heap);
        int a = nodes.newNode(1);
        nodes.retain(a);
        nodes.release(a);
        nodes.release(a);
        assertThat(heap.isLive(a)).as("is a still allocated after newNode, retain(a) and two release(a)? Its count "
                + "reached 0").isFalse();
        int x = nodes.newNode(1);
        int y = nodes.newNode(2);
        nodes.setNext(x, y);
        nodes.setNext(y, x);
        nodes.release(x);
        nodes.release(y);
        assertThat(heap.liveBlocks()).as("blocks still allocated after x.next = y, y.next = x, release(x), "
                + "release(y): a cycle keeps both counts above zero, so both leak").isEqualTo(2);
        assertThat(nodes.count(x)).as("count(x) in that leaked cycle: only y.next still holds x").isEqualTo(1);
        int z = nodes.newNode(3);
        heap.writeInt(z + RefCountedNodes.COUNT_OFFSET, 0);
        assertThatThrownBy(() -> nodes.release(z), "release(z) of a node whose count is already 0: a count must "
                + "never go below zero, so release must throw IllegalStateException")
                .isInstanceOf(IllegalStateException.class);
        assertThat(heap.isLive(z)).as("is z still allocated after the refused release(z) of a count of 0? A refused "
                + "release must not dealloc").isTrue();
        assertThat(nodes.count(z)).as("count(z) after the refused release(z) of a count of 0: a refused release "
                + "changes nothing, so the count stays 0 (check before you write the new count)").isZero();
    }
}
