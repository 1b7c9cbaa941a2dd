package dev.alloclab.core.alloc;

/**
 * The heap as a program sees it: allocate, deallocate, and read and write bytes at indexes.
 *
 * <p>Programs in the kit (the worked example, the vec, the exercises' demos) are written against
 * this interface so that the same code runs on a {@link PlainHeap}, where mistakes silently
 * corrupt memory as they would in C, and on the checked heap, where each mistake is stopped and
 * reported. All multi-byte values are little-endian.
 */
public interface Heap {
    int alloc(int size);

    void dealloc(int index);

    int realloc(int index, int size);

    byte readByte(int index);

    void writeByte(int index, int value);

    int readInt(int index);

    void writeInt(int index, int value);

    long readLong(int index);

    void writeLong(int index, long value);

    /** Copies {@code length} bytes from {@code from} to {@code to} (memmove). */
    void copy(int from, int to, int length);

    /** The allocator underneath. */
    Allocator allocator();
}
