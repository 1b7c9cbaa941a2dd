package dev.alloclab.exercises.stackframes;

import dev.alloclab.core.KitException;

/**
 * Pushing a frame would move {@code stack_length} past the end of the stack. Given, not an
 * exercise: throw it from {@link FrameStack#push(int)}.
 */
public final class FrameStackOverflowException extends KitException {
    private static final long serialVersionUID = 1L;

    /**
     * @param frameBytes the rounded frame size: a long, since rounding a size near {@code Integer.MAX_VALUE} up to 8
     *                   passes what an int holds (an int call site works as it is)
     */
    public FrameStackOverflowException(long frameBytes, int stackLength, int capacity) {
        super("stack overflow: a frame of " + frameBytes + " bytes pushed at stack_length " + stackLength
                + " would end at " + ((long) stackLength + frameBytes) + ", past the stack's " + capacity
                + " bytes.\n  Every call takes a frame until it returns; recursion without a base case,"
                + " or a huge local, runs out of stack. Big data belongs on the heap.");
    }
}
