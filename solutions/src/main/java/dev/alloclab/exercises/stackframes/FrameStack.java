package dev.alloclab.exercises.stackframes;

import dev.alloclab.core.Checks;
import java.util.Arrays;

/**
 * A call stack on a byte array, written from scratch: the smallest version of core's
 * {@code StackMemory}.
 *
 * <pre>
 *   0          24                 56          stack_length            capacity
 *   +----------+------------------+-----------+-----------------------+
 *   | frame 0  | frame 1          | frame 2   | free (stale bytes)    |
 *   +----------+------------------+-----------+-----------------------+
 *                                  ^ top frame: locals at offsets 0, 4, ...
 * </pre>
 *
 * <ul>
 *   <li>{@code stack_length} counts the bytes that belong to running functions. The next frame
 *       starts exactly there.</li>
 *   <li>{@link #push(int)} rounds the frame up to {@link #FRAME_ALIGNMENT} bytes, places it at
 *       {@code stack_length}, and moves {@code stack_length} past it. A frame that does not fit
 *       throws {@link FrameStackOverflowException} and changes nothing.</li>
 *   <li>{@link #pop()} moves {@code stack_length} back to the top frame's start. It erases
 *       nothing: the bytes stay until the next push overwrites them.</li>
 *   <li>Locals are addressed by their offset inside the top frame; an access that does not lie
 *       wholly inside the top frame is an {@link IllegalArgumentException}.</li>
 * </ul>
 */
public final class FrameStack {
    /** Every frame's size is a multiple of this, so every frame starts 8-byte aligned. */
    public static final int FRAME_ALIGNMENT = 8;

    private final byte[] bytes;
    private int stackLength;
    private int[] frameStarts = new int[8];
    private int frameCount;

    public FrameStack(int capacityBytes) {
        this.bytes = new byte[Checks.positive(capacityBytes, "capacityBytes")];
    }

    /** Total bytes of the stack. */
    public int capacity() {
        return bytes.length;
    }

    /** The byte at {@code index}, in use or not (to look at stale bytes past stack_length). */
    public byte rawByte(int index) {
        if (index < 0 || index >= bytes.length) {
            throw new IllegalArgumentException("rawByte(" + index + "): expected 0 <= index < " + bytes.length);
        }
        return bytes[index];
    }

    /** Bytes in use by running functions; where the next frame starts. */
    public int stackLength() {
        return stackLength;
    }

    /** How many frames are on the stack. */
    public int frameCount() {
        return frameCount;
    }

    /**
     * Calls a function whose locals take {@code localsBytes} bytes: rounds that up to a multiple
     * of 8, places the frame at {@code stack_length} and moves {@code stack_length} past it.
     *
     * @return the stack index where the new frame starts
     * @throws FrameStackOverflowException when the frame does not fit (nothing changes)
     */
    public int push(int localsBytes) {
        Checks.notNegative(localsBytes, "localsBytes");
        // in long: rounding a size near Integer.MAX_VALUE up to 8 passes what an int holds, and a wrapped (negative)
        // frame would pass the check below and move stack_length backwards
        long frameBytes = Checks.alignUp(localsBytes, FRAME_ALIGNMENT);
        if (stackLength + frameBytes > bytes.length) {
            throw new FrameStackOverflowException(frameBytes, stackLength, bytes.length);
        }
        if (frameCount == frameStarts.length) {
            frameStarts = Arrays.copyOf(frameStarts, frameCount * 2);
        }
        int start = stackLength;
        frameStarts[frameCount++] = start;
        stackLength += frameBytes;
        return start;
    }

    /** Returns from the top frame: {@code stack_length} goes back to where that frame started. */
    public void pop() {
        if (frameCount == 0) {
            throw new IllegalStateException("pop(): the stack is empty, no function is running");
        }
        stackLength = frameStarts[--frameCount];
    }

    /** Stack index of the top frame's first byte. */
    public int topFrameStart() {
        return frameStarts[checkedTop("topFrameStart")];
    }

    /** Bytes of the top frame (a multiple of 8). */
    public int topFrameSize() {
        return stackLength - topFrameStart();
    }

    /** Writes the 4-byte local at {@code offset} in the top frame, little-endian. */
    public void writeInt(int offset, int value) {
        int index = localIndex("writeInt", offset, Integer.BYTES);
        for (int i = 0; i < Integer.BYTES; i++) {
            bytes[index + i] = (byte) (value >>> (8 * i));
        }
    }

    /** Reads the 4-byte local at {@code offset} in the top frame, little-endian. */
    public int readInt(int offset) {
        int index = localIndex("readInt", offset, Integer.BYTES);
        return (bytes[index] & 0xFF) | (bytes[index + 1] & 0xFF) << 8
                | (bytes[index + 2] & 0xFF) << 16 | (bytes[index + 3] & 0xFF) << 24;
    }

    private int checkedTop(String operation) {
        if (frameCount == 0) {
            throw new IllegalStateException(operation + "(): the stack is empty, no function is running");
        }
        return frameCount - 1;
    }

    private int localIndex(String operation, int offset, int width) {
        int start = topFrameStart();
        int size = stackLength - start;
        if (offset < 0 || (long) offset + width > size) {
            throw new IllegalArgumentException(operation + "(" + offset + "): a " + width + "-byte local at offset "
                    + offset + " does not fit in the top frame of " + size + " bytes (expected 0 <= offset <= "
                    + (size - width) + ")");
        }
        return start + offset;
    }
}
