package dev.alloclab.core.alloc.segregated;

import dev.alloclab.core.memory.HeapBytes;
import java.util.Arrays;
import java.util.List;

/**
 * A search tree over the free blocks of one range list, ordered by address, kept inside the free
 * blocks themselves: it answers "which block comes just before this one?" and "which is the
 * lowest-addressed block of at least n bytes?" in logarithmic time, where the list alone needs a walk.
 *
 * <p>Why: {@link SegregatedAllocator} keeps its range lists in address order (address-ordered first
 * fit keeps fragmentation low). With the list alone, freeing a block walks the list to find its
 * place, and a medium request walks it to the first block big enough: fine for the dozens of free
 * blocks of the classic traces, but quadratic for a program that frees thousands of medium blocks
 * in random order (40,000 of them: 3.2 µs per operation, 0.3 µs with the tree). The tree changes how
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
    /** Scratch: the nodes from the root down to where an insert or remove works. */
    private int[] path = new int[64];
    /** Scratch: the nodes a merge stacked up, whose largest sizes it recomputes. */
    private int[] seam = new int[64];

    AddressTree(HeapBytes heap) {
        this.heap = heap;
    }

    /**
     * The tree {@code root} with {@code block} added; returns the new root. The block goes down to
     * a leaf (each node on the way can only see its largest size grow, to the block's at most: one
     * compare per level), then rotates up while it outranks its parent. Written as loops over a
     * path, not as recursion: the JIT inlines the heap accesses of a loop, not of a recursive call.
     */
    int insert(int root, int block) {
        int size = sizeOf(block);
        heap.writeInt(block + LEFT, NONE);
        heap.writeInt(block + RIGHT, NONE);
        heap.writeInt(block + MAX_SIZE, size);
        if (root == NONE) {
            return block;
        }
        int depth = 0;
        for (int node = root; node != NONE; node = block < node ? left(node) : right(node)) {
            if (maxSize(node) < size) {
                heap.writeInt(node + MAX_SIZE, size);
            }
            depth = push(depth, node);
        }
        setChild(path[depth - 1], block);
        int priority = priority(block);
        int level = depth - 1;
        for (; level >= 0 && priority > priority(path[level]); level--) {
            int parent = path[level];
            int subtreeMax = maxSize(parent);                // a rotation keeps the subtree's largest size
            if (left(parent) == block) {
                heap.writeInt(parent + LEFT, right(block));
                heap.writeInt(block + RIGHT, parent);
            } else {
                heap.writeInt(parent + RIGHT, left(block));
                heap.writeInt(block + LEFT, parent);
            }
            update(parent);
            heap.writeInt(block + MAX_SIZE, subtreeMax);
            if (level > 0) {
                replaceChild(path[level - 1], parent, block);
            }
        }
        return level < 0 ? block : root;
    }

    /**
     * The tree {@code root} without {@code block}, which must be in it; returns the new root. The
     * block's two subtrees are merged in its place; above it, a node's largest size can change only
     * if it was the removed block's, and the first node where it was not ends the climb (its
     * largest size is then larger, and so is every one above it).
     */
    int remove(int root, int block) {
        int size = sizeOf(block);
        int depth = 0;
        for (int node = root; node != block; node = block < node ? left(node) : right(node)) {
            depth = push(depth, node);
        }
        int merged = merge(left(block), right(block));
        if (depth == 0) {
            return merged;
        }
        replaceChild(path[depth - 1], block, merged);
        for (int level = depth - 1; level >= 0 && maxSize(path[level]) == size; level--) {
            update(path[level]);
        }
        return root;
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

    /**
     * One tree of every block of {@code left} and {@code right} (all of {@code left} lies below all of
     * {@code right}): down the seam between them, the higher-ranked root of the two goes on top each time.
     */
    private int merge(int left, int right) {
        if (left == NONE) {
            return right;
        }
        if (right == NONE) {
            return left;
        }
        int result = NONE;
        int last = NONE;
        boolean lastTookLeft = false;
        int count = 0;
        while (left != NONE && right != NONE) {
            int taken;
            boolean tookLeft = priority(left) > priority(right);
            if (tookLeft) {
                taken = left;                                // keeps its left subtree; its right is merged on
                left = right(left);
            } else {
                taken = right;                               // keeps its right subtree; its left is merged on
                right = left(right);
            }
            if (last == NONE) {
                result = taken;
            } else {
                heap.writeInt(last + (lastTookLeft ? RIGHT : LEFT), taken);
            }
            if (count == seam.length) {
                seam = Arrays.copyOf(seam, 2 * count);
            }
            seam[count++] = taken;
            last = taken;
            lastTookLeft = tookLeft;
        }
        heap.writeInt(last + (lastTookLeft ? RIGHT : LEFT), left != NONE ? left : right);
        for (int i = count - 1; i >= 0; i--) {
            update(seam[i]);
        }
        return result;
    }

    /** Puts {@code node} on the path at {@code depth}; returns the new depth. */
    private int push(int depth, int node) {
        if (depth == path.length) {
            path = Arrays.copyOf(path, 2 * depth);
        }
        path[depth] = node;
        return depth + 1;
    }

    /** Makes {@code child} a child of {@code parent}, on the side its address says. */
    private void setChild(int parent, int child) {
        heap.writeInt(parent + (child < parent ? LEFT : RIGHT), child);
    }

    /** Puts {@code now} where {@code was} hung under {@code parent}. */
    private void replaceChild(int parent, int was, int now) {
        heap.writeInt(parent + (left(parent) == was ? LEFT : RIGHT), now);
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
