package dev.alloclab.core.alloc;

/** The checks every allocator makes on a request before serving it, with messages that teach. */
public final class AllocationRequests {
    private AllocationRequests() {
    }

    /**
     * Refuses a negative size with a sentence. Returns the size so that the check fits in an
     * expression.
     */
    public static int checkSize(String operation, long size) {
        if (size < 0) {
            throw new IllegalArgumentException(operation + "(" + size + "): size must be >= 0 bytes. "
                    + "A negative size usually means a length calculation went below zero.");
        }
        if (size > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(operation + "(" + size + "): size must be at most "
                    + Integer.MAX_VALUE + " bytes, the largest heap index.");
        }
        return (int) size;
    }
}
