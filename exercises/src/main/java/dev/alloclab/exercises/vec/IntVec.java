package dev.alloclab.exercises.vec;

import dev.alloclab.core.Checks;
import dev.alloclab.core.NotImplemented;
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
 *   <li>When alloc returns NULL (-1) there is no block: push throws (a {@code KitException}, say).</li>
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
        throw NotImplemented.yet("IntVec.push: when length == capacity, alloc a block of double the capacity (4 when "
                + "empty; throw a KitException if alloc returns NULL), copy the elements, THEN dealloc the old block; "
                + "write value after the last element. Do not call VecMetadata.push: writing it is the exercise");
    }

    /** Element {@code i}; {@link IndexOutOfBoundsException} unless {@code 0 <= i < length()}. */
    public int get(int i) {
        throw NotImplemented.yet("IntVec.get: check 0 <= i < length, read the i32 at first + 4 * i");
    }

    /** Replaces element {@code i}; {@link IndexOutOfBoundsException} unless {@code 0 <= i < length()}. */
    public void set(int i, int value) {
        throw NotImplemented.yet("IntVec.set: check 0 <= i < length, write the i32 at first + 4 * i");
    }

    /** Removes and returns the last element; {@link IllegalStateException} when empty. */
    public int pop() {
        throw NotImplemented.yet("IntVec.pop: read the last element, shorten the vec by one (IllegalStateException "
                + "when empty)");
    }

    /** Gives the elements' block back; the vec is empty afterwards. */
    public void free() {
        throw NotImplemented.yet("IntVec.free: dealloc the block if there is one, then make the vec empty");
    }
}
