package dev.alloclab.core.check;

import java.util.Arrays;

/**
 * A double-ended queue of slot numbers (see {@link BlockSlots}) in a ring of {@code int}s: the
 * checked heap's quarantine and history (first in, first out) and its spare slots (last in, first
 * out). What {@code ArrayDeque<Integer>} would do, without boxing and without the collector's write
 * barrier on every add.
 *
 * <pre>
 *   ring  [ . . . 7 2 9 4 . . ]      head = 3, size = 4: oldest first 7 2 9 4
 *                 ^head
 * </pre>
 * The ring's length is a power of two, so wrapping around is a mask; it doubles (by copying) when
 * full, which a checked heap built with {@code expectedBlocks} avoids.
 */
final class SlotQueue {
    private int[] ring;
    private int head;
    private int size;

    /** A queue with room for {@code expected} slots before it grows. */
    SlotQueue(int expected) {
        int wanted = Math.max(8, Math.min(expected, 1 << 30));
        ring = new int[Integer.highestOneBit(wanted - 1) << 1];     // the least power of two >= wanted
    }

    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    void addLast(int slot) {
        if (size == ring.length) {
            grow();
        }
        ring[(head + size) & (ring.length - 1)] = slot;
        size++;
    }

    /** Takes the oldest slot out; the queue must not be empty. */
    int removeFirst() {
        if (size == 0) {
            throw new IllegalStateException("removeFirst on an empty queue of slots");
        }
        int slot = ring[head];
        head = (head + 1) & (ring.length - 1);
        size--;
        return slot;
    }

    /** Takes the newest slot out; the queue must not be empty. */
    int removeLast() {
        if (size == 0) {
            throw new IllegalStateException("removeLast on an empty queue of slots");
        }
        size--;
        return ring[(head + size) & (ring.length - 1)];
    }

    /** The {@code i}-th slot from the oldest ({@code 0 <= i < size()}). */
    int get(int i) {
        if (i < 0 || i >= size) {
            throw new IndexOutOfBoundsException("slot " + i + " of a queue of " + size + " (expected: 0 <= i < size)");
        }
        return ring[(head + i) & (ring.length - 1)];
    }

    private void grow() {
        int[] bigger = new int[ring.length * 2];
        int firstPart = Math.min(size, ring.length - head);
        System.arraycopy(ring, head, bigger, 0, firstPart);
        System.arraycopy(ring, 0, bigger, firstPart, size - firstPart);
        ring = bigger;
        head = 0;
    }

    @Override
    public String toString() {
        int[] inOrder = new int[size];
        for (int i = 0; i < size; i++) {
            inOrder[i] = get(i);
        }
        return Arrays.toString(inOrder);
    }
}
