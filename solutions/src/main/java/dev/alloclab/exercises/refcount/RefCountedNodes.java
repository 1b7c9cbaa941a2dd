package dev.alloclab.exercises.refcount;

import dev.alloclab.core.Checks;
import dev.alloclab.core.KitException;
import dev.alloclab.core.alloc.Allocator;
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
        int node = heap.alloc(NODE_BYTES);
        if (node == Allocator.NULL) {
            throw new KitException("newNode(" + value + "): the heap is out of memory (alloc returned NULL).");
        }
        heap.writeInt(node + COUNT_OFFSET, 1);
        heap.writeInt(node + NEXT_OFFSET, Allocator.NULL);
        heap.writeInt(node + VALUE_OFFSET, value);
        return node;
    }

    public int count(int node) {
        return heap.readInt(node + COUNT_OFFSET);
    }

    public int value(int node) {
        return heap.readInt(node + VALUE_OFFSET);
    }

    public int next(int node) {
        return heap.readInt(node + NEXT_OFFSET);
    }

    /** One more reference to {@code node}. */
    public void retain(int node) {
        heap.writeInt(node + COUNT_OFFSET, count(node) + 1);
    }

    /**
     * One reference fewer; at zero the node's {@code next} is released and the node deallocated.
     * A chain is released in a loop, not by recursion, so a long list cannot overflow the stack.
     */
    public void release(int node) {
        int current = node;
        while (current != Allocator.NULL) {
            int remaining = count(current) - 1;
            if (remaining < 0) {
                throw new IllegalStateException("release(" + current + "): the count is already " + (remaining + 1)
                        + "; every release needs a matching newNode or retain");
            }
            if (remaining > 0) {
                heap.writeInt(current + COUNT_OFFSET, remaining);
                return;
            }
            int next = next(current);
            heap.dealloc(current);
            current = next;
        }
    }

    /** Points {@code node} at {@code next} (or NULL), retaining the new target and releasing the old. */
    public void setNext(int node, int next) {
        if (next != Allocator.NULL) {
            retain(next);
        }
        int old = next(node);
        heap.writeInt(node + NEXT_OFFSET, next);
        if (old != Allocator.NULL) {
            release(old);
        }
    }
}
