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
        return operation + "(" + index + "): " + problem + " (" + expected + ").\n"
                + "  The heap only holds what alloc has grown it to; an index past that usually means "
                + "an offset was added twice or a size was not checked.";
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
