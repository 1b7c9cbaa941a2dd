package dev.alloclab.core.memory;

import dev.alloclab.core.Checks;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The stack as a byte array with a {@code stack_length}: every byte before {@code stackLength()}
 * belongs to a running function, every byte from it on is free.
 *
 * <pre>
 *   0            16                 40        stack_length               capacity
 *   +------------+------------------+---------+---------------------------+
 *   | main       | getYears         | ...     | free                      |
 *   +------------+------------------+---------+---------------------------+
 * </pre>
 *
 * <p>A call pushes a frame (its locals, at fixed offsets) at {@code stack_length} and moves
 * {@code stack_length} past it; the return pops it and moves {@code stack_length} back. Nothing
 * is erased: the popped bytes keep their values until the next call overwrites them, which is
 * why the model forbids reading at or past {@code stack_length}. Frames come off in the reverse
 * order they went on, which is what makes the stack so cheap: freeing is one subtraction.
 */
public final class StackMemory {
    private final byte[] bytes;
    private final Deque<StackFrame> frames = new ArrayDeque<>();
    private int stackLength;

    private StackMemory(int capacity) {
        this.bytes = new byte[capacity];
    }

    public static StackMemory withCapacity(int capacityBytes) {
        return new StackMemory(Checks.positive(capacityBytes, "capacityBytes"));
    }

    /** Bytes in use by running functions; the next frame starts here. */
    public int stackLength() {
        return stackLength;
    }

    public int capacity() {
        return bytes.length;
    }

    /** The running frames, bottom (the first call) first. */
    public List<StackFrame> frames() {
        List<StackFrame> bottomFirst = new ArrayList<>(frames);
        java.util.Collections.reverse(bottomFirst);
        return bottomFirst;
    }

    /** The frame of the function running now. */
    public StackFrame top() {
        StackFrame top = frames.peek();
        if (top == null) {
            throw new IllegalStateException("the stack is empty: no function is running");
        }
        return top;
    }

    /**
     * Calls {@code function}: lays its locals out at {@code stack_length} (each aligned to its
     * size, at most 8; the frame rounded up to 8) and moves {@code stack_length} past them.
     *
     * @throws StackOverflowInModelException when the frame does not fit
     */
    public StackFrame push(String function, Local... locals) {
        Checks.notBlank(function, "function");
        Map<String, Local> byName = new LinkedHashMap<>();
        Map<String, Integer> offsets = new LinkedHashMap<>();
        long offset = 0;
        for (Local local : Checks.notNull(locals, "locals")) {
            Checks.notNull(local, "each local of frame " + function);
            if (byName.putIfAbsent(local.name(), local) != null) {
                throw new IllegalArgumentException("frame " + function + " declares local '"
                        + local.name() + "' twice");
            }
            offset = Checks.alignUp(offset, local.alignment());
            offsets.put(local.name(), (int) offset);
            offset += local.size();
        }
        long frameSize = Checks.alignUp(offset, 8);
        if (stackLength + frameSize > bytes.length) {
            throw new StackOverflowInModelException(function, (int) Math.min(frameSize, Integer.MAX_VALUE),
                    stackLength, bytes.length);
        }
        StackFrame frame = new StackFrame(this, function, stackLength, (int) frameSize, byName, offsets);
        stackLength += (int) frameSize;
        frames.push(frame);
        return frame;
    }

    /**
     * Returns from {@code frame}, which must be the top frame: {@code stack_length} moves back to
     * its start. The bytes are not cleared.
     */
    public void pop(StackFrame frame) {
        Checks.notNull(frame, "frame");
        StackFrame top = frames.peek();
        if (frame.isPopped()) {
            throw new IllegalStateException("pop(" + frame + "): " + frame.function() + " has returned already; a frame "
                    + "returns exactly once. Remove the second pop, or push a new frame for a new call.");
        }
        if (!frames.contains(frame)) {
            throw new IllegalStateException("pop(" + frame + "): this frame was pushed on another StackMemory; pop "
                    + "it from the stack it belongs to.");
        }
        if (top == null) {
            throw new IllegalStateException("pop(" + frame + "): the stack is empty, nothing to return from");
        }
        if (top != frame) {
            throw new IllegalStateException("pop(" + frame + "): only the top frame (" + top
                    + ") can return; frames come off in the reverse order they went on");
        }
        frames.pop();
        frame.markPopped();
        stackLength = frame.start();
    }

    public int readInt(int index) {
        checkLive("readInt", index, Integer.BYTES);
        return (bytes[index] & 0xFF) | (bytes[index + 1] & 0xFF) << 8
                | (bytes[index + 2] & 0xFF) << 16 | (bytes[index + 3] & 0xFF) << 24;
    }

    public void writeInt(int index, int value) {
        checkLive("writeInt", index, Integer.BYTES);
        for (int i = 0; i < Integer.BYTES; i++) {
            bytes[index + i] = (byte) (value >>> (8 * i));
        }
    }

    public long readLong(int index) {
        checkLive("readLong", index, Long.BYTES);
        long value = 0;
        for (int i = Long.BYTES - 1; i >= 0; i--) {
            value = value << 8 | (bytes[index + i] & 0xFF);
        }
        return value;
    }

    public void writeLong(int index, long value) {
        checkLive("writeLong", index, Long.BYTES);
        for (int i = 0; i < Long.BYTES; i++) {
            bytes[index + i] = (byte) (value >>> (8 * i));
        }
    }

    /** The byte at {@code index}, live or not: for pictures that show stale bytes past stack_length. */
    public byte rawByte(int index) {
        if (index < 0 || index >= bytes.length) {
            throw new IllegalArgumentException("rawByte(" + index + "): stack index " + index
                    + " is outside the stack (expected: 0 <= index < " + bytes.length + ")");
        }
        return bytes[index];
    }

    private void checkLive(String operation, int index, int width) {
        long end = (long) index + width;
        if (stackLength == 0) {
            throw new IllegalArgumentException(operation + "(" + index + "): no frame is running (stack_length 0), "
                    + "so no stack byte belongs to a function. Push a frame before reading or writing its locals.");
        }
        if (index < 0 || end > stackLength) {
            throw new IllegalArgumentException(operation + "(" + index + "): " + width
                    + " bytes at stack index " + index + " are not inside a running frame (expected: 0 <= index <= "
                    + (stackLength - width) + ", stack_length " + stackLength + "). Bytes at or past "
                    + "stack_length belong to no function; a frame's locals vanish when it returns.");
        }
    }
}
