package dev.alloclab.core.alloc;

import dev.alloclab.core.Checks;
import dev.alloclab.core.memory.HeapBytes;

/**
 * A {@link Heap} with no safety net: reads and writes go straight to {@code heap_bytes}, checked
 * only against the heap's end. A read through a freed index returns whatever the bytes hold now
 * (perhaps a newer block's data), exactly the surprise a C program gets.
 */
public final class PlainHeap implements Heap {
    private final Allocator allocator;
    private final HeapBytes bytes;

    private PlainHeap(Allocator allocator) {
        this.allocator = Checks.notNull(allocator, "allocator");
        this.bytes = allocator.heap();
    }

    public static PlainHeap over(Allocator allocator) {
        return new PlainHeap(allocator);
    }

    @Override
    public int alloc(int size) {
        return allocator.alloc(size);
    }

    @Override
    public void dealloc(int index) {
        allocator.dealloc(index);
    }

    @Override
    public int realloc(int index, int size) {
        return allocator.realloc(index, size);
    }

    @Override
    public byte readByte(int index) {
        return bytes.readByte(index);
    }

    @Override
    public void writeByte(int index, int value) {
        bytes.writeByte(index, value);
    }

    @Override
    public int readInt(int index) {
        return bytes.readInt(index);
    }

    @Override
    public void writeInt(int index, int value) {
        bytes.writeInt(index, value);
    }

    @Override
    public long readLong(int index) {
        return bytes.readLong(index);
    }

    @Override
    public void writeLong(int index, long value) {
        bytes.writeLong(index, value);
    }

    @Override
    public void copy(int from, int to, int length) {
        bytes.copy(from, to, length);
    }

    @Override
    public Allocator allocator() {
        return allocator;
    }
}
