package dev.alloclab.hidden.shared;

import dev.alloclab.core.alloc.Allocator;
import dev.alloclab.core.alloc.Heap;
import dev.alloclab.core.memory.HeapBytes;
import java.util.TreeMap;

/**
 * A heap for the grader's tests of programs (vec, scope, refcount): it never reuses an index,
 * remembers every block, and turns a use-after-free, a double or invalid free and an access
 * outside any live block into an {@link AssertionError}; {@link #liveBlocks()} finds leaks.
 */
final class TrackingHeap implements Heap {
    private final HeapBytes bytes;
    private final TreeMap<Integer, Integer> live = new TreeMap<>();
    private final TreeMap<Integer, Integer> freed = new TreeMap<>();
    private final int limit;
    private int deallocs;
    private final Allocator allocator = new Allocator() {
        @Override
        public int alloc(int size) {
            return TrackingHeap.this.alloc(size);
        }

        @Override
        public void dealloc(int index) {
            TrackingHeap.this.dealloc(index);
        }

        @Override
        public HeapBytes heap() {
            return bytes;
        }

        @Override
        public int usableSize(int index) {
            Integer end = live.get(index);
            return end == null ? 0 : end - index;
        }
    };

    TrackingHeap() {
        this(1 << 22);
    }

    /** A heap that returns NULL once {@code limit} bytes were handed out. */
    TrackingHeap(int limit) {
        this.limit = limit;
        this.bytes = HeapBytes.withMax(limit + 64);
    }

    @Override
    public int alloc(int size) {
        if (size < 0) {
            throw new IllegalArgumentException("alloc(" + size + "): size must be >= 0");
        }
        if (size == 0) {
            return Allocator.NULL;
        }
        int start = (bytes.size() + 7) & ~7;
        if ((long) start + size > limit) {
            return Allocator.NULL;
        }
        bytes.sbrk(start + size - bytes.size());
        live.put(start, start + size);
        return start;
    }

    @Override
    public void dealloc(int index) {
        if (index == Allocator.NULL) {
            return;
        }
        Integer end = live.remove(index);
        if (end == null) {
            throw new AssertionError(freed.containsKey(index) ? "double free of the block at " + index
                    : "invalid free: " + index + " is not the start of a live block");
        }
        freed.put(index, end);
        deallocs++;
    }

    @Override
    public int realloc(int index, int size) {
        if (index == Allocator.NULL) {
            return alloc(size);
        }
        int old = live.get(index) - index;
        int moved = alloc(size);
        copy(index, moved, Math.min(old, size));
        dealloc(index);
        return moved;
    }

    private void access(int index, int length, String what) {
        var block = live.floorEntry(index);
        if (block != null && index + length <= block.getValue()) {
            return;
        }
        var gone = freed.floorEntry(index);
        if (gone != null && index < gone.getValue()) {
            throw new AssertionError("use-after-free: " + what + " of " + length + " bytes at " + index
                    + " in the freed block [" + gone.getKey() + ", " + gone.getValue() + ")");
        }
        throw new AssertionError("out of bounds: " + what + " of " + length + " bytes at " + index
                + " is not inside a live block");
    }

    @Override
    public byte readByte(int index) {
        access(index, 1, "read");
        return bytes.readByte(index);
    }

    @Override
    public void writeByte(int index, int value) {
        access(index, 1, "write");
        bytes.writeByte(index, value);
    }

    @Override
    public int readInt(int index) {
        access(index, 4, "read");
        return bytes.readInt(index);
    }

    @Override
    public void writeInt(int index, int value) {
        access(index, 4, "write");
        bytes.writeInt(index, value);
    }

    @Override
    public long readLong(int index) {
        access(index, 8, "read");
        return bytes.readLong(index);
    }

    @Override
    public void writeLong(int index, long value) {
        access(index, 8, "write");
        bytes.writeLong(index, value);
    }

    @Override
    public void copy(int from, int to, int length) {
        if (length > 0) {
            access(from, length, "copy from");
            access(to, length, "copy to");
            bytes.copy(from, to, length);
        }
    }

    @Override
    public Allocator allocator() {
        return allocator;
    }

    /** Blocks allocated and not freed. */
    int liveBlocks() {
        return live.size();
    }

    /** How many deallocs succeeded. */
    int deallocs() {
        return deallocs;
    }

    /** Whether {@code index} is the start of a live block. */
    boolean isLive(int index) {
        return live.containsKey(index);
    }
}
