package dev.alloclab.core.alloc;

import dev.alloclab.core.KitException;

/** The checks every allocator makes on a request before serving it, with messages that teach. */
public final class AllocationRequests {
    private AllocationRequests() {
    }

    /**
     * Refuses a negative size with a sentence. Returns the size so that the check fits in an
     * expression.
     */
    public static int checkSize(String operation, long size) {
        if (size >= 0 && size <= Integer.MAX_VALUE) { // the hot path: no message built
            return (int) size;
        }
        throw badSize(operation + "(" + size + ")", size);
    }

    /**
     * {@link #checkSize} for {@code realloc(index, size)}: the message names both arguments
     * ({@code realloc(8, -5)}), so a negative size is not read as the index.
     */
    public static int checkResize(int index, long size) {
        if (size >= 0 && size <= Integer.MAX_VALUE) {
            return (int) size;
        }
        throw badSize("realloc(" + (index == Allocator.NULL ? "NULL" : String.valueOf(index)) + ", " + size + ")", size);
    }

    /** The sentence for a size no request may have; {@code call} is the request as the program wrote it. */
    private static IllegalArgumentException badSize(String call, long size) {
        return new IllegalArgumentException(size < 0
                ? call + ": size must be >= 0 bytes. A negative size usually means a length calculation went below zero."
                : call + ": size must be at most " + Integer.MAX_VALUE + " bytes, the largest heap index.");
    }

    /**
     * The refusal of a plain allocator (one without the checked heap's history) asked to free or resize an index
     * that is not a live block's payload: {@code dealloc(8): index 8 is not the payload of a live block of this
     * first-fit allocator.}, what it may be, and to use the checked heap. {@code problem} (or null) says what the
     * allocator saw.
     */
    public static KitException notALivePayload(String operation, int index, String allocatorName, String problem) {
        return new KitException(operation + "(" + index + "): index " + index + " is not the payload of a live block"
                + " of this " + allocatorName + " allocator" + (problem == null ? "" : ": " + problem) + "."
                + System.lineSeparator()
                + "  It was freed already (a double free), never returned by alloc, or points inside a block;"
                + " this plain allocator keeps no history and cannot tell which. Like C's free() on a bad"
                + " pointer (glibc aborts with \"free(): double free detected\"), it stops here." + System.lineSeparator()
                + "  What to do: run the program on the checked heap, which reports the block, where it was"
                + " allocated and where it was freed.");
    }
}
