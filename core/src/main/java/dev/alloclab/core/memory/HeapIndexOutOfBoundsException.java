package dev.alloclab.core.memory;

import dev.alloclab.core.KitException;

/**
 * An access to {@code heap_bytes} outside {@code [0, size)}: the program touched bytes the heap
 * has not been grown to (or a negative index). Its message names the index, the length and the
 * heap's size, as in {@code readInt(4090): 4 bytes at heap index 4090 run past the heap's end
 * (expected: 0 <= index <= 4092 for 4 bytes, heap size 4096)}.
 */
public final class HeapIndexOutOfBoundsException extends KitException {
    private static final long serialVersionUID = 1L;

    private final long index;
    private final int length;
    private final int heapSize;

    public HeapIndexOutOfBoundsException(String operation, long index, int length, int heapSize) {
        super(message(operation, index, length, heapSize));
        this.index = index;
        this.length = length;
        this.heapSize = heapSize;
    }

    private static String message(String operation, long index, int length, int heapSize) {
        String what = length == 1 ? "1 byte" : length + " bytes";
        if (length < 0 && index >= 0) {
            // not an index problem at all: say so, and nothing about the heap's end
            return operation + "(" + index + ", length " + length + "): the length must be >= 0 bytes. A negative "
                    + "length usually means a size calculation went below zero (end - start with the two swapped).";
        }
        String problem;
        if (index < 0) {
            problem = "heap index " + index + " is negative";
        } else if (index >= heapSize) {
            problem = "heap index " + index + " is past the heap's end";
        } else {
            problem = what + " at heap index " + index + " run past the heap's end";
        }
        long lastStart = (long) heapSize - Math.max(length, 0);
        String expected = lastStart < 0
                ? "the heap is only " + heapSize + " bytes, smaller than " + what
                : "expected: 0 <= index <= " + lastStart + " for " + what + ", heap size " + heapSize;
        String advice = index < 0
                // below the heap, the usual causes are a step back from a block that had none before it, or NULL
                ? "  A negative index usually means a step back went too far (a header read at index - 8 where the "
                        + "block has a 4-byte one, or the block before the first), or NULL (-1) was used as an index."
                : "  The heap only holds what alloc has grown it to; an index past that usually means "
                        + "an offset was added twice or a size was not checked.";
        return operation + "(" + index + "): " + problem + " (" + expected + ").\n" + advice
                + taggedHint(index, heapSize);
    }

    /** Bits of a tagged index below its tag: the checked heap's {@code TaggedIndex.ADDRESS_BITS}. */
    private static final int TAGGED_ADDRESS_BITS = 27;

    /**
     * A checked heap built with {@code taggedIndexes(true)} hands out indexes with a tag above bit 27; used on the
     * raw {@code HeapBytes}, such an index is far past any small heap. Say so, with the address it stands for.
     */
    private static String taggedHint(long index, int heapSize) {
        long address = index & ((1L << TAGGED_ADDRESS_BITS) - 1);
        if (index < (1L << TAGGED_ADDRESS_BITS) || index > Integer.MAX_VALUE || address >= heapSize) {
            return "";
        }
        return "\n  " + index + " looks like a tagged index from a checked heap (address " + address + ", tag "
                + (index >>> TAGGED_ADDRESS_BITS) + "): read and write through that CheckedHeap, or turn it into a heap "
                + "index with checkedHeap.addressOf(index).";
    }

    public long index() {
        return index;
    }

    public int length() {
        return length;
    }

    public int heapSize() {
        return heapSize;
    }
}
