package dev.alloclab.core.alloc.segregated;

import dev.alloclab.core.memory.HeapBytes;
import java.util.List;

/**
 * A search tree over the free blocks of one range list, ordered by address, kept inside the free
 * blocks themselves: it answers "which block comes just before this one?" and "which is the
 * lowest-addressed block of at least n bytes?" in logarithmic time, where the list alone needs a walk.
 *
 * <p>Why: {@link SegregatedAllocator} keeps its range lists in address order (address-ordered first
 * fit keeps fragmentation low). With the list alone, freeing a block walks the list to find its
 * place, and a medium request walks it to the first block big enough: fine for the dozens of free
 * blocks of the classic traces, but a trace with a hundred thousand live blocks of mixed sizes
 * spent most of its time in those walks and ran at a third of libc's speed. The tree changes how
 * the allocator searches, never what it finds: the list, its order and every placement stay the same.
 *
 * <p>The tree is a <em>treap</em>: a binary search tree by address that is also a heap by a
 * priority, here a hash of the address, so that its shape is that of a random tree whatever order
 * the blocks come in (expected depth about 2 ln n) and nothing has to store the priority. Each
 * node also holds the largest block size in its subtree, which is what lets {@link #lowestFit}
 * skip a whole subtree of blocks too small. Three words per node, at fixed offsets in the free
 * block; range-list blocks are at least 136 bytes, so they fit after the list links and before the
 * footer. The root lives wherever the caller keeps it (the allocator keeps it in the list's head block).
 */
final class AddressTree {
    /** No block: index 0 is never a block (it holds the list heads). */
    static final int NONE = SegregatedAllocator.NONE;
    /** Word offsets inside a free block: left child, right child, largest block size in the subtree. */
    static final int LEFT = 20;
    static final int RIGHT = 24;
    static final int MAX_SIZE = 28;

    private final HeapBytes heap;

    AddressTree(HeapBytes heap) {
        this.heap = heap;
    }

    /** The tree {@code root} with {@code block} added; returns the new root. */
    int insert(int root, int block) {
        return insert(root, block, sizeOf(block));
    }

    /**
     * On the way down each node's largest size can only grow, to {@code size} at most: one compare
     * per level instead of recomputing it from both children. A rotation keeps the subtree's largest
     * size where it was and recomputes only the node that moved down.
     */
    private int insert(int node, int block, int size) {
        if (node == NONE) {
            heap.writeInt(block + LEFT, NONE);
            heap.writeInt(block + RIGHT, NONE);
            heap.writeInt(block + MAX_SIZE, size);
            return block;
        }
        if (maxSize(node) < size) {
            heap.writeInt(node + MAX_SIZE, size);
        }
        if (block < node) {
            int left = insert(left(node), block, size);
            heap.writeInt(node + LEFT, left);
            if (priority(left) > priority(node)) {
                return rotateRight(node);
            }
        } else {
            int right = insert(right(node), block, size);
            heap.writeInt(node + RIGHT, right);
            if (priority(right) > priority(node)) {
                return rotateLeft(node);
            }
        }
        return node;
    }

    /** The tree {@code root} without {@code block}, which must be in it; returns the new root. */
    int remove(int root, int block) {
        return remove(root, block, sizeOf(block));
    }

    /** A node's largest size changes only if it was the removed block's: only then is it recomputed. */
    private int remove(int node, int block, int size) {
        if (node == block) {
            return merge(left(node), right(node));
        }
        if (block < node) {
            heap.writeInt(node + LEFT, remove(left(node), block, size));
        } else {
            heap.writeInt(node + RIGHT, remove(right(node), block, size));
        }
        if (maxSize(node) == size) {
            update(node);
        }
        return node;
    }

    /** The highest-addressed block below {@code address}, or NONE. */
    int predecessor(int root, int address) {
        int found = NONE;
        int node = root;
        while (node != NONE) {
            if (node < address) {
                found = node;
                node = right(node);
            } else {
                node = left(node);
            }
        }
        return found;
    }

    /** The lowest-addressed block of at least {@code size} bytes, or NONE. */
    int lowestFit(int root, int size) {
        if (root == NONE || maxSize(root) < size) {
            return NONE;
        }
        int node = root;
        while (true) {
            int left = left(node);
            if (left != NONE && maxSize(left) >= size) {
                node = left;
            } else if (sizeOf(node) >= size) {
                return node;
            } else {
                node = right(node);                          // its subtree holds the fit: the maximum says so
            }
        }
    }

    /**
     * What is wrong with the tree {@code root}, for tests: its blocks in address order must be
     * {@code expected} (the list), each node's priority at least its children's, and each node's
     * largest size right. Each problem as a sentence.
     */
    List<String> problems(int root, List<Integer> expected, List<String> problems) {
        List<Integer> inOrder = new java.util.ArrayList<>();
        check(root, NONE, inOrder, problems, expected.size() + 1);
        if (!inOrder.equals(expected)) {
            problems.add("the address tree holds " + inOrder + " but the list holds " + expected);
        }
        return problems;
    }

    private int check(int node, int parent, List<Integer> inOrder, List<String> problems, int budget) {
        if (node == NONE || inOrder.size() > budget) {
            return 0;
        }
        if (parent != NONE && priority(node) > priority(parent)) {
            problems.add("tree node " + node + " outranks its parent " + parent);
        }
        int max = check(left(node), node, inOrder, problems, budget);
        inOrder.add(node);
        max = Math.max(max, Math.max(sizeOf(node), check(right(node), node, inOrder, problems, budget)));
        if (maxSize(node) != max) {
            problems.add("tree node " + node + " says its largest block is " + maxSize(node) + ", not " + max);
        }
        return max;
    }

    private int merge(int left, int right) {
        if (left == NONE) {
            return right;
        }
        if (right == NONE) {
            return left;
        }
        if (priority(left) > priority(right)) {
            heap.writeInt(left + RIGHT, merge(right(left), right));
            update(left);
            return left;
        }
        heap.writeInt(right + LEFT, merge(left, left(right)));
        update(right);
        return right;
    }

    private int rotateRight(int node) {
        int left = left(node);
        int subtreeMax = maxSize(node);
        heap.writeInt(node + LEFT, right(left));
        heap.writeInt(left + RIGHT, node);
        update(node);
        heap.writeInt(left + MAX_SIZE, subtreeMax);
        return left;
    }

    private int rotateLeft(int node) {
        int right = right(node);
        int subtreeMax = maxSize(node);
        heap.writeInt(node + RIGHT, left(right));
        heap.writeInt(right + LEFT, node);
        update(node);
        heap.writeInt(right + MAX_SIZE, subtreeMax);
        return right;
    }

    private void update(int node) {
        int max = sizeOf(node);
        int left = left(node);
        if (left != NONE) {
            max = Math.max(max, maxSize(left));
        }
        int right = right(node);
        if (right != NONE) {
            max = Math.max(max, maxSize(right));
        }
        heap.writeInt(node + MAX_SIZE, max);
    }

    private int left(int node) {
        return heap.readInt(node + LEFT);
    }

    private int right(int node) {
        return heap.readInt(node + RIGHT);
    }

    private int maxSize(int node) {
        return heap.readInt(node + MAX_SIZE);
    }

    private int sizeOf(int block) {
        return SegregatedAllocator.blockSize(heap.readInt(block));
    }

    /** A hash of the address (Fibonacci hashing, then the high bits folded down): the treap's random priority. */
    private static int priority(int block) {
        int h = block * 0x9E3779B1;
        return h ^ (h >>> 15);
    }
}
