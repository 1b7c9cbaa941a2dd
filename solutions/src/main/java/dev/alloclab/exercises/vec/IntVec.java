package dev.alloclab.exercises.vec;

import dev.alloclab.core.Checks;
import dev.alloclab.core.KitException;
import dev.alloclab.core.alloc.Allocator;
import dev.alloclab.core.alloc.Heap;
import dev.alloclab.core.vec.VecMetadata;

/**
 * A growable vec of i32 whose elements live on the heap: the vec from the worked example, now
 * written by you. The metadata ({@link VecMetadata}: first element's index, length, capacity) is
 * what a program keeps on its stack; the elements are one heap block of {@code capacity * 4} bytes.
 *
 * <pre>
 *   metadata: (first=40, length=4, capacity=4)       push(5): full, so grow by doubling
 *   heap: [40: 1 | 2 | 3 | 4]                          1. alloc(8 * 4)            -> first'=64
 *                                                      2. copy 4 * 4 bytes 40 -> 64
 *                                                      3. dealloc(40)  (only now: the copy read it)
 *                                                      4. write 5 at 64 + 4 * 4
 *   metadata: (first=64, length=5, capacity=8)
 * </pre>
 *
 * <ul>
 *   <li>An empty vec owns no block ({@code first == -1}); the first push allocates
 *       {@link VecMetadata#FIRST_CAPACITY} elements.</li>
 *   <li>Growing deallocates the old block after the copy and never before: dealloc too early
 *       is a use-after-free, no dealloc at all is a leak. The tests run on the checked heap.</li>
 *   <li>{@link #free()} gives the block back; the vec is then empty and may be used again.</li>
 * </ul>
 */
public final class IntVec {
    private final Heap heap;
    private VecMetadata metadata = VecMetadata.empty();

    public IntVec(Heap heap) {
        this.heap = Checks.notNull(heap, "heap");
    }

    /** What the program would keep on its stack. */
    public VecMetadata metadata() {
        return metadata;
    }

    public int length() {
        return metadata.length();
    }

    public int capacity() {
        return metadata.capacity();
    }

    /** Appends {@code value}, doubling the capacity first when the vec is full. */
    public void push(int value) {
        if (metadata.length() == metadata.capacity()) {
            grow(metadata.capacity() == 0 ? VecMetadata.FIRST_CAPACITY : metadata.capacity() * 2);
        }
        heap.writeInt(metadata.memoryIndexOfFirstElement() + metadata.length() * VecMetadata.ELEMENT_BYTES, value);
        metadata = new VecMetadata(metadata.memoryIndexOfFirstElement(), metadata.length() + 1, metadata.capacity());
    }

    private void grow(int newCapacity) {
        long bytes = (long) newCapacity * VecMetadata.ELEMENT_BYTES;
        int moved = bytes > Integer.MAX_VALUE ? Allocator.NULL : heap.alloc((int) bytes);
        if (moved == Allocator.NULL) {
            throw new KitException("IntVec.push: out of memory growing to " + newCapacity
                    + " elements (alloc returned NULL).");
        }
        int old = metadata.memoryIndexOfFirstElement();
        if (old != Allocator.NULL) {
            heap.copy(old, moved, metadata.length() * VecMetadata.ELEMENT_BYTES);
            heap.dealloc(old);
        }
        metadata = new VecMetadata(moved, metadata.length(), newCapacity);
    }

    /** Element {@code i}; {@link IndexOutOfBoundsException} unless {@code 0 <= i < length()}. */
    public int get(int i) {
        return heap.readInt(indexOf(i));
    }

    /** Replaces element {@code i}; {@link IndexOutOfBoundsException} unless {@code 0 <= i < length()}. */
    public void set(int i, int value) {
        heap.writeInt(indexOf(i), value);
    }

    /** Removes and returns the last element; {@link IllegalStateException} when empty. */
    public int pop() {
        if (metadata.length() == 0) {
            throw new IllegalStateException("pop(): the vec is empty");
        }
        int last = get(metadata.length() - 1);
        metadata = new VecMetadata(metadata.memoryIndexOfFirstElement(), metadata.length() - 1, metadata.capacity());
        return last;
    }

    /** Gives the elements' block back; the vec is empty afterwards. */
    public void free() {
        if (metadata.memoryIndexOfFirstElement() != Allocator.NULL) {
            heap.dealloc(metadata.memoryIndexOfFirstElement());
        }
        metadata = VecMetadata.empty();
    }

    private int indexOf(int i) {
        if (i < 0 || i >= metadata.length()) {
            throw new IndexOutOfBoundsException("element " + i + " of a vec of length " + metadata.length()
                    + " (expected: 0 <= i < " + metadata.length() + ")");
        }
        return metadata.memoryIndexOfFirstElement() + i * VecMetadata.ELEMENT_BYTES;
    }
}
