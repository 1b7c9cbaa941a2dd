package dev.alloclab.exercises.stackframes;

import dev.alloclab.core.Checks;
import dev.alloclab.core.NotImplemented;

/**
 * A call stack on a byte array, written from scratch: the smallest version of core's
 * {@code StackMemory}. Instructions: {@code docs/exercises/stack-frames.md}.
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
    // Add the fields you need: stack_length, and where each running frame starts.

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
        throw NotImplemented.yet("FrameStack.stackLength: return how many bytes running frames use (0 when empty)");
    }

    /** How many frames are on the stack. */
    public int frameCount() {
        throw NotImplemented.yet("FrameStack.frameCount: return how many frames have been pushed and not popped");
    }

    /**
     * Calls a function whose locals take {@code localsBytes} bytes: rounds that up to a multiple
     * of 8, places the frame at {@code stack_length} and moves {@code stack_length} past it.
     *
     * @return the stack index where the new frame starts
     * @throws FrameStackOverflowException when the frame does not fit (nothing changes)
     */
    public int push(int localsBytes) {
        throw NotImplemented.yet("FrameStack.push: round the frame up to 8 bytes, start it at stack_length, "
                + "remember its start, move stack_length past it; throw FrameStackOverflowException if it does not fit");
    }

    /** Returns from the top frame: {@code stack_length} goes back to where that frame started. */
    public void pop() {
        throw NotImplemented.yet("FrameStack.pop: move stack_length back to the top frame's start "
                + "(IllegalStateException when the stack is empty)");
    }

    /** Stack index of the top frame's first byte. */
    public int topFrameStart() {
        throw NotImplemented.yet("FrameStack.topFrameStart: return where the top frame starts");
    }

    /** Bytes of the top frame (a multiple of 8). */
    public int topFrameSize() {
        throw NotImplemented.yet("FrameStack.topFrameSize: return stack_length minus the top frame's start");
    }

    /** Writes the 4-byte local at {@code offset} in the top frame, little-endian. */
    public void writeInt(int offset, int value) {
        throw NotImplemented.yet("FrameStack.writeInt: store the 4 bytes of value, lowest first, at top frame start + offset "
                + "(IllegalArgumentException if they do not lie inside the top frame)");
    }

    /** Reads the 4-byte local at {@code offset} in the top frame, little-endian. */
    public int readInt(int offset) {
        throw NotImplemented.yet("FrameStack.readInt: assemble the 4 bytes at top frame start + offset, lowest first "
                + "(IllegalArgumentException if they do not lie inside the top frame)");
    }
}
