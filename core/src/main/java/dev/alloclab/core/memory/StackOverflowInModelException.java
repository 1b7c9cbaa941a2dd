package dev.alloclab.core.memory;

import dev.alloclab.core.KitException;

/** Pushing a frame would move {@code stack_length} past the stack's capacity. */
public final class StackOverflowInModelException extends KitException {
    private static final long serialVersionUID = 1L;

    StackOverflowInModelException(String function, int frameSize, int stackLength, int capacity) {
        super("stack overflow: pushing the frame of " + function + " (" + frameSize + " bytes) at "
                + "stack_length " + stackLength + " needs " + ((long) stackLength + frameSize)
                + " bytes, but the stack holds " + capacity + ".\n"
                + "  Each call takes a frame until it returns; a call chain that never ends (recursion "
                + "without a base case) or a very large local runs out of stack. Large data belongs on the heap.");
    }
}
