package dev.alloclab.core.memory;

import dev.alloclab.core.Checks;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * The {@code heap_bytes} array: the memory every allocator in the kit hands out.
 *
 * <p>It starts empty and grows only through {@link #sbrk(int)}, like the Unix call of that name:
 * the program break moves up by the requested number of bytes, never down, and never past
 * {@link #maxSize()}. Indexes {@code [0, size())} are readable and writable; anything else is a
 * {@link HeapIndexOutOfBoundsException} whose message names the index and the heap size.
 *
 * <pre>
 *   0                                   size()                 maxSize()
 *   +-----------------------------------+------------------------+
 *   | bytes handed out by sbrk          | not yet grown (no access)
 *   +-----------------------------------+------------------------+
 * </pre>
 *
 * <p>Multi-byte values are little-endian: {@code writeInt(i, 0x0A0B0C0D)} stores {@code 0D} at
 * {@code i} and {@code 0A} at {@code i + 3}, as on x86 and ARM. Since {@code size()} is the
 * heap's high-water mark, it is also the denominator of Malloc Lab's utilization.
 *
 * <p>Not thread-safe: one program, one heap.
 */
public final class HeapBytes {
    /** Malloc Lab's heap limit: 20 MiB. */
    public static final int MALLOC_LAB_MAX = 20 * 1024 * 1024;

    /** What {@link #sbrk(int)} returns when the heap cannot grow that far (C's {@code (void*)-1}). */
    public static final int NO_MEMORY = -1;

    /*
     * Reading an int as one little-endian machine load. Equivalent to
     *   (b[i] & 0xFF) | (b[i+1] & 0xFF) << 8 | (b[i+2] & 0xFF) << 16 | (b[i+3] & 0xFF) << 24
     * but a single instruction on the hot path of every allocator.
     */
    private static final VarHandle INT_LE =
            MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LONG_LE =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private final int maxSize;
    private byte[] bytes;
    private int size;

    private HeapBytes(int maxSize, int initialCapacity) {
        this.maxSize = maxSize;
        this.bytes = new byte[initialCapacity];
    }

    /** An empty heap that may grow to {@code maxBytes}. */
    public static HeapBytes withMax(int maxBytes) {
        Checks.positive(maxBytes, "maxBytes");
        return new HeapBytes(maxBytes, Math.min(maxBytes, 4096));
    }

    /** An empty heap with Malloc Lab's 20 MiB limit. */
    public static HeapBytes mallocLabSized() {
        return withMax(MALLOC_LAB_MAX);
    }

    /** The program break: bytes {@code [0, size())} exist. Never shrinks. */
    public int size() {
        return size;
    }

    /** The most the heap may grow to. */
    public int maxSize() {
        return maxSize;
    }

    /**
     * Grows the heap by {@code increment} bytes (zero is allowed and just reports the break).
     * The new bytes are zero.
     *
     * @return the old break, which is the index of the first new byte, or {@link #NO_MEMORY} when
     *     {@code size() + increment} would pass {@link #maxSize()} (the heap is then unchanged)
     */
    public int sbrk(int increment) {
        if (increment < 0) {
            throw new IllegalArgumentException("sbrk(" + increment + "): the heap never shrinks, "
                    + "so the increment must be >= 0 bytes");
        }
        long newSize = (long) size + increment;
        if (newSize > maxSize) {
            return NO_MEMORY;
        }
        if (newSize > bytes.length) {
            long capacity = Math.max(newSize, Math.min((long) bytes.length * 2, maxSize));
            bytes = grownTo(capacity, newSize);
        }
        int oldBreak = size;
        size = (int) newSize;
        return oldBreak;
    }

    /**
     * The backing array grown to {@code capacity} bytes, or to just {@code needed} when the JVM cannot hold
     * twice the heap for the moment of the copy.
     *
     * @throws JvmHeapTooSmallException when the JVM cannot hold even that: a heap limit above what the JVM was given
     *     (a 2 GiB limit on a laptop whose default Java heap is a quarter of its memory) is the user's setting,
     *     not a bug, and deserves a sentence rather than an {@code OutOfMemoryError} stack trace
     */
    private byte[] grownTo(long capacity, long needed) {
        try {
            return Arrays.copyOf(bytes, (int) capacity);
        } catch (OutOfMemoryError tooMuch) {
            try {
                return Arrays.copyOf(bytes, (int) needed);
            } catch (OutOfMemoryError stillTooMuch) {
                throw new JvmHeapTooSmallException(needed, maxSize);
            }
        }
    }

    /**
     * Takes the heap back to its empty state: {@code size() == 0}, and the bytes that were handed
     * out are zero again, so the next {@link #sbrk(int)} gives zeros as on a fresh heap.
     *
     * <p>Why it exists: a benchmark replays the same trace many times, and each run must start
     * from an empty heap. A new {@code HeapBytes} per run would grow its backing array again by
     * copying (and leave the old arrays to the garbage collector) in the middle of the timed loop,
     * so the clock would measure {@code Arrays.copyOf} and GC instead of the allocator. Resetting
     * keeps the array that earlier runs grew, and pays for the zeroing before the clock starts.
     *
     * <p>This is not something a program does to its own heap (the break never moves down while a
     * program runs): every allocator that used this heap must be thrown away, since its
     * bookkeeping describes bytes that no longer exist.
     */
    public void reset() {
        Arrays.fill(bytes, 0, size, (byte) 0);
        size = 0;
    }

    /** True if {@code [index, index + length)} lies inside the heap. */
    public boolean contains(long index, long length) {
        return index >= 0 && length >= 0 && index + length <= size;
    }

    public byte readByte(int index) {
        checkRange("readByte", index, 1);
        return bytes[index];
    }

    public void writeByte(int index, int value) {
        checkRange("writeByte", index, 1);
        bytes[index] = (byte) value;
    }

    public int readInt(int index) {
        checkWord("readInt", index, Integer.BYTES);
        return (int) INT_LE.get(bytes, index);
    }

    public void writeInt(int index, int value) {
        checkWord("writeInt", index, Integer.BYTES);
        INT_LE.set(bytes, index, value);
    }

    public long readLong(int index) {
        checkWord("readLong", index, Long.BYTES);
        return (long) LONG_LE.get(bytes, index);
    }

    public void writeLong(int index, long value) {
        checkWord("writeLong", index, Long.BYTES);
        LONG_LE.set(bytes, index, value);
    }

    /** Copies {@code length} bytes from {@code from} to {@code to}; the ranges may overlap (memmove). */
    public void copy(int from, int to, int length) {
        checkRange("copy", from, length);
        checkRange("copy", to, length);
        System.arraycopy(bytes, from, bytes, to, length);
    }

    /** Sets {@code length} bytes from {@code index} to {@code value} (memset). */
    public void fill(int index, int length, int value) {
        checkRange("fill", index, length);
        Arrays.fill(bytes, index, index + length, (byte) value);
    }

    /** A copy of {@code [index, index + length)}. */
    public byte[] readBytes(int index, int length) {
        checkRange("readBytes", index, length);
        return Arrays.copyOfRange(bytes, index, index + length);
    }

    /** Writes {@code source} at {@code index}. */
    public void writeBytes(int index, byte[] source) {
        checkRange("writeBytes", index, Checks.notNull(source, "the bytes to write").length);
        System.arraycopy(source, 0, bytes, index, source.length);
    }

    /**
     * The bounds check of the fixed-width accessors, on every allocator's hot path: int arithmetic
     * only ({@code size - width} cannot overflow, since both are small and non-negative), so the
     * JIT can fold it into the VarHandle's own array check. Same exception as {@link #checkRange}.
     */
    private void checkWord(String operation, int index, int width) {
        if (index < 0 || index > size - width) {
            throw new HeapIndexOutOfBoundsException(operation, index, width, size);
        }
    }

    private void checkRange(String operation, long index, int length) {
        long end = index + length; // widened: a huge length must not wrap around
        if (index < 0 || length < 0 || end > size) {
            throw new HeapIndexOutOfBoundsException(operation, index, length, size);
        }
    }

    @Override
    public String toString() {
        return "HeapBytes[size=" + size + ", max=" + maxSize + "]";
    }
}
