package dev.alloclab.exercises.refcount;

import dev.alloclab.core.Checks;
import dev.alloclab.core.NotImplemented;
import dev.alloclab.core.alloc.Heap;

/**
 * Reference-counted nodes on the heap: each node is one heap block holding its own count, so the
 * last owner to let go frees it. A node may point at one other node ({@code next}); that pointer
 * owns a reference too.
 *
 * <pre>
 *   node index n (returned by alloc(NODE_BYTES))
 *   +-----------+-----------+-----------+
 *   | count i32 | next i32  | value i32 |
 *   +-----------+-----------+-----------+
 *   n+0         n+4         n+8         n+12        next: a node index or -1 (NULL)
 * </pre>
 *
 * <ul>
 *   <li>{@link #newNode(int)} starts with count 1: the caller holds the one reference.</li>
 *   <li>{@link #retain(int)} adds a reference; {@link #release(int)} drops one, and at zero
 *       releases the node's {@code next} and deallocates the node.</li>
 *   <li>{@link #setNext(int, int)} retains the new target before releasing the old one.</li>
 *   <li>A cycle (a.next = b, b.next = a) keeps both counts above zero after every outside
 *       reference is released: reference counting alone leaks it.</li>
 * </ul>
 */
public final class RefCountedNodes {
    public static final int COUNT_OFFSET = 0;
    public static final int NEXT_OFFSET = 4;
    public static final int VALUE_OFFSET = 8;
    public static final int NODE_BYTES = 12;

    private final Heap heap;

    public RefCountedNodes(Heap heap) {
        this.heap = Checks.notNull(heap, "heap");
    }

    /** A new node holding {@code value}, with count 1 and no next. */
    public int newNode(int value) {
        throw NotImplemented.yet("RefCountedNodes.newNode: alloc NODE_BYTES (KitException on NULL), write count 1, "
                + "next -1 and the value");
    }

    public int count(int node) {
        throw NotImplemented.yet("RefCountedNodes.count: read the i32 at node + COUNT_OFFSET");
    }

    public int value(int node) {
        throw NotImplemented.yet("RefCountedNodes.value: read the i32 at node + VALUE_OFFSET");
    }

    public int next(int node) {
        throw NotImplemented.yet("RefCountedNodes.next: read the i32 at node + NEXT_OFFSET");
    }

    /** One more reference to {@code node}. */
    public void retain(int node) {
        throw NotImplemented.yet("RefCountedNodes.retain: add one to the count stored in the node");
    }

    /**
     * One reference fewer; at zero the node's {@code next} is released and the node deallocated.
     * A chain is released in a loop, not by recursion, so a long list cannot overflow the stack.
     */
    public void release(int node) {
        throw NotImplemented.yet("RefCountedNodes.release: subtract one; at zero release next, then dealloc the node "
                + "(IllegalStateException if the count is already 0)");
    }

    /** Points {@code node} at {@code next} (or NULL), retaining the new target and releasing the old. */
    public void setNext(int node, int next) {
        throw NotImplemented.yet("RefCountedNodes.setNext: retain the new next, store it, then release the old next");
    }
}
