package dev.alloclab.core.vec;

import dev.alloclab.core.Checks;
import dev.alloclab.core.alloc.Allocator;
import dev.alloclab.core.alloc.Heap;
import dev.alloclab.core.memory.Local;
import dev.alloclab.core.memory.StackFrame;

/**
 * What a growable vec of i32 keeps on the stack: where its elements start on the heap, how many
 * there are, and how many fit before it must grow. The elements themselves live on the heap.
 *
 * <pre>
 *   stack (12 bytes, in the caller's frame)         heap
 *   +--------------------------+--------+----------+     +------+------+------+------+------+
 *   | memoryIndexOfFirstElement| length | capacity | --> | 1995 | 2000 | 2005 | 2010 | 2015 |
 *   |            64            |   5    |    5     |     +------+------+------+------+------+
 *   +--------------------------+--------+----------+     64     68     72     76     80     84
 * </pre>
 *
 * <p>The record is a value, like the struct it models: {@link #push} returns the new metadata
 * (the caller stores it back), because growing may move the elements to a new block. An empty vec
 * owns no heap block: its {@code memoryIndexOfFirstElement} is {@link Allocator#NULL}.
 *
 * <p>Element access goes through a {@link Heap}, so the same code runs on the plain heap (where a
 * stale vec reads whatever the bytes hold now) and on the checked heap (where it is reported).
 */
public record VecMetadata(int memoryIndexOfFirstElement, int length, int capacity) {
    /** Bytes one element takes: an i32. */
    public static final int ELEMENT_BYTES = Integer.BYTES;

    /** Bytes the metadata takes in a stack frame: three i32. */
    public static final int BYTES = 3 * Integer.BYTES;

    /** Capacity of the first block a push allocates for an empty vec. */
    public static final int FIRST_CAPACITY = 4;

    public VecMetadata {
        if (length < 0 || capacity < 0 || length > capacity) {
            throw new IllegalArgumentException("a vec needs 0 <= length <= capacity, but length was "
                    + length + " and capacity " + capacity);
        }
        if (capacity == 0 && memoryIndexOfFirstElement != Allocator.NULL) {
            throw new IllegalArgumentException("a vec with capacity 0 owns no heap block, so its "
                    + "memoryIndexOfFirstElement must be NULL (-1), but was " + memoryIndexOfFirstElement);
        }
        if (capacity > 0 && memoryIndexOfFirstElement < 0) {
            throw new IllegalArgumentException("a vec with capacity " + capacity + " owns a heap block, so its "
                    + "memoryIndexOfFirstElement must be an index alloc returned, but was "
                    + (memoryIndexOfFirstElement == Allocator.NULL ? "NULL (-1)" : String.valueOf(memoryIndexOfFirstElement))
                    + ". Allocate the block first, or start from VecMetadata.empty().");
        }
    }

    /** An empty vec: no heap block yet. */
    public static VecMetadata empty() {
        return new VecMetadata(Allocator.NULL, 0, 0);
    }

    /** A vec holding {@code values} in one block of exactly their size. */
    public static VecMetadata of(Heap heap, int... values) {
        Checks.notNull(heap, "heap");
        if (Checks.notNull(values, "values").length == 0) {
            return empty();
        }
        int first = allocateElements(heap, values.length);
        for (int i = 0; i < values.length; i++) {
            heap.writeInt(first + i * ELEMENT_BYTES, values[i]);
        }
        return new VecMetadata(first, values.length, values.length);
    }

    /** The heap index of element {@code i}: {@code memoryIndexOfFirstElement + 4 * i}. */
    public int indexOfElement(int i) {
        if (i < 0 || i >= length) {
            throw new IndexOutOfBoundsException("element " + i + " of a vec of length " + length
                    + " (expected: 0 <= i < " + length + ")");
        }
        return memoryIndexOfFirstElement + i * ELEMENT_BYTES;
    }

    /** Reads element {@code i} from the heap. */
    public int get(Heap heap, int i) {
        return Checks.notNull(heap, "heap").readInt(indexOfElement(i));
    }

    /** Writes element {@code i} on the heap. */
    public void set(Heap heap, int i, int value) {
        Checks.notNull(heap, "heap").writeInt(indexOfElement(i), value);
    }

    /** All elements, read from the heap. */
    public int[] toArray(Heap heap) {
        Checks.notNull(heap, "heap");
        int[] values = new int[length];
        for (int i = 0; i < length; i++) {
            values[i] = get(heap, i);
        }
        return values;
    }

    /**
     * Appends {@code value}. When the block is full, the vec grows by doubling: allocate a block
     * twice as large ({@value #FIRST_CAPACITY} for an empty vec), copy the elements, deallocate the
     * old block. Doubling makes a run of n pushes copy fewer than 2n elements in total.
     *
     * @return the new metadata; the old value must not be used again, since its block may be freed
     */
    public VecMetadata push(Heap heap, int value) {
        Checks.notNull(heap, "heap");
        VecMetadata target = this;
        if (length == capacity) {
            target = withCapacity(heap, capacity == 0 ? FIRST_CAPACITY : capacity * 2);
        }
        heap.writeInt(target.memoryIndexOfFirstElement + length * ELEMENT_BYTES, value);
        return new VecMetadata(target.memoryIndexOfFirstElement, length + 1, target.capacity);
    }

    /**
     * Moves the elements to a new block of {@code newCapacity} elements and deallocates the old
     * block: the step a push takes when the vec is full.
     */
    public VecMetadata withCapacity(Heap heap, int newCapacity) {
        Checks.notNull(heap, "heap");
        if (newCapacity < length) {
            throw new IllegalArgumentException("capacity " + newCapacity + " cannot hold the vec's "
                    + length + " elements");
        }
        if (newCapacity == 0) {
            free(heap);
            return empty();
        }
        int moved = allocateElements(heap, newCapacity);
        if (length > 0) {
            heap.copy(memoryIndexOfFirstElement, moved, length * ELEMENT_BYTES);
        }
        free(heap);
        return new VecMetadata(moved, length, newCapacity);
    }

    /** Gives the vec's block back to the heap (nothing to do for an empty vec). */
    public void free(Heap heap) {
        Checks.notNull(heap, "heap");
        if (memoryIndexOfFirstElement != Allocator.NULL) {
            heap.dealloc(memoryIndexOfFirstElement);
        }
    }

    /** Stores the metadata in a frame's local, which must be {@link #BYTES} bytes. */
    public void storeIn(StackFrame frame, String local) {
        Checks.notNull(frame, "frame");
        Checks.notNull(local, "local");
        Local declared = frame.locals().get(local);
        if (declared != null && declared.size() < BYTES) { // checked before any write: nothing is half-stored
            throw new IllegalArgumentException("storeIn(" + local + "): a vec's metadata takes " + BYTES + " bytes "
                    + "(three i32: index, length, capacity), but local '" + local + "' of " + frame.function() + " is "
                    + declared.size() + " bytes. Declare it as Local.bytes(\"" + local + "\", VecMetadata.BYTES).");
        }
        frame.writeInt(local, 0, memoryIndexOfFirstElement);
        frame.writeInt(local, 1, length);
        frame.writeInt(local, 2, capacity);
    }

    /** Reads metadata stored with {@link #storeIn}. */
    public static VecMetadata loadFrom(StackFrame frame, String local) {
        Checks.notNull(frame, "frame");
        Checks.notNull(local, "local");
        return new VecMetadata(frame.readInt(local, 0), frame.readInt(local, 1), frame.readInt(local, 2));
    }

    private static int allocateElements(Heap heap, int elements) {
        long bytes = (long) elements * ELEMENT_BYTES;
        if (bytes > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("a vec of " + elements + " i32 needs " + bytes
                    + " bytes, more than a heap index can reach");
        }
        int index = heap.alloc((int) bytes);
        if (index == Allocator.NULL) {
            throw new dev.alloclab.core.KitException("out of memory: alloc(" + bytes + ") for a vec of "
                    + elements + " elements returned NULL. The heap cannot grow that far; free blocks "
                    + "you no longer use, or start with a larger heap.");
        }
        return index;
    }

    @Override
    public String toString() {
        return "VecMetadata{memoryIndexOfFirstElement=" + memoryIndexOfFirstElement + ", length=" + length
                + ", capacity=" + capacity + "}";
    }
}
