package dev.alloclab.hidden.shared;

import dev.alloclab.core.alloc.Allocator;

/**
 * Requests close to {@code Integer.MAX_VALUE}, which no heap of the suites can serve. The contract says
 * {@code alloc} answers them with NULL. An allocator that adds its header (and rounding) to the size in
 * {@code int} arithmetic wraps around to a small or negative block size instead: then it writes outside the
 * heap (and throws), or hands out a block that is far too small. One that computes the block size in long can
 * still wrap when it casts the heap's growth to int for {@code sbrk}. The visible tests of bump and implicit-list
 * ask for {@code alloc(Integer.MAX_VALUE)} once; these suites ask for the sizes below in every exercise.
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
        return alloc(allocator, size, setting, ADVICE);
    }

    /** {@link #alloc(Allocator, int, String)} with the advice of an exercise that words it its own way. */
    static int alloc(Allocator allocator, int size, String setting, String advice) {
        try {
            return allocator.alloc(size);
        } catch (RuntimeException e) {
            throw new AssertionError("alloc(" + size + ") " + setting + " threw " + e.getClass().getSimpleName()
                    + firstLine(e)
                    + ". A request that cannot be served must return NULL (-1), never throw. " + advice, e);
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

    /**
     * What usually causes it, for the failure messages. The block size is often computed in long already (the
     * exercise's hint); the wrap then happens later, in the increment cast to int for {@code sbrk}, so the advice
     * names both and the check that prevents both.
     */
    static final String ADVICE = "Near Integer.MAX_VALUE the block size (header + size, rounded up) or the increment "
            + "passed to sbrk wraps past Integer.MAX_VALUE to a negative number. Work in long: compare what the "
            + "request needs with the room left (heap().maxSize() - heap().size() when the heap must grow) and return "
            + "NULL when it is more, before casting anything to int. And when sbrk itself answers HeapBytes.NO_MEMORY, "
            + "return NULL then too, with the heap and the old block as they were.";

    /**
     * The same advice for an exercise whose {@code blockSizeFor(int)} returns an int (implicit-list): the student
     * cannot compute that block size in a long, so the request must be refused before it is computed.
     */
    static final String INT_BLOCK_SIZE_ADVICE = "Your blockSizeFor(int) returns an int, and the block size of such a "
            + "request (size + 8 for header and footer, rounded up to 8) does not fit in one: it wraps past "
            + "Integer.MAX_VALUE to a negative number. In alloc, return NULL for any size above Integer.MAX_VALUE - 16 "
            + "before you call blockSizeFor; no heap can hold such a block anyway.";
}
