package dev.alloclab.hidden.shared;

import dev.alloclab.core.alloc.Allocator;

/**
 * Requests close to {@code Integer.MAX_VALUE}, which no heap of the suites can serve. The contract says
 * {@code alloc} answers them with NULL. An allocator that adds its header (and rounding) to the size in
 * {@code int} arithmetic wraps around to a small or negative block size instead: then it writes outside the
 * heap (and throws), or hands out a block that is far too small. The visible tests never ask for such sizes.
 */
final class HugeRequests {
    /** Sizes whose block size passes {@code Integer.MAX_VALUE} once a header of 4 to 16 bytes is added and rounded. */
    static final int[] SIZES = {Integer.MAX_VALUE, Integer.MAX_VALUE - 7, Integer.MAX_VALUE - 8, Integer.MAX_VALUE - 64};

    private HugeRequests() {
    }

    /**
     * {@code allocator.alloc(size)}, or a failure naming the call when it throws: the contract asks for NULL, and a
     * bare {@code HeapIndexOutOfBoundsException} from inside the allocator would not say which request caused it.
     */
    static int alloc(Allocator allocator, int size, String setting) {
        try {
            return allocator.alloc(size);
        } catch (RuntimeException e) {
            throw new AssertionError("alloc(" + size + ") " + setting + " threw " + e.getClass().getSimpleName()
                    + firstLine(e)
                    + ". A request that cannot be served must return NULL (-1), never throw. " + ADVICE, e);
        }
    }

    /** {@code allocator.realloc(index, size)}, or a failure naming the call when it throws. */
    static int realloc(Allocator allocator, int index, int size, String setting) {
        try {
            return allocator.realloc(index, size);
        } catch (RuntimeException e) {
            throw new AssertionError("realloc(" + index + ", " + size + ") " + setting + " threw "
                    + e.getClass().getSimpleName()
                    + firstLine(e)
                    + ". A resize that cannot be served must return NULL (-1) and keep the old block. " + ADVICE, e);
        }
    }

    /** {@code " (its message's first line)"} without a closing full stop, or nothing when it has no message. */
    private static String firstLine(RuntimeException e) {
        String line = e.getMessage() == null ? "" : e.getMessage().lines().findFirst().orElse("").strip();
        while (line.endsWith(".")) {
            line = line.substring(0, line.length() - 1);
        }
        return line.isEmpty() ? "" : " (" + line + ")";
    }

    /** What usually causes it, for the failure messages. */
    static final String ADVICE = "Is the block size (header + size, rounded up) computed in int? Near "
            + "Integer.MAX_VALUE it wraps around to a negative number: compute it in a long, as the exercise's hint says.";
}
