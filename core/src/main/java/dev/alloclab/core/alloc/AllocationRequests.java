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

    /**
     * {@link #checkSize} for {@code realloc(index, size)}: the message names both arguments
     * ({@code realloc(8, -5)}), so a negative size is not read as the index.
     */
    public static int checkResize(int index, long size) {
        if (size >= 0 && size <= Integer.MAX_VALUE) {
            return (int) size;
        }
        return checkSize("realloc", (index == Allocator.NULL ? "NULL" : String.valueOf(index)) + ", ", size);
    }

    private static int checkSize(String operation, String firstArguments, long size) {
        try {
            return checkSize(operation, size);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage().replaceFirst("^" + operation + "\\(",
                    java.util.regex.Matcher.quoteReplacement(operation + "(" + firstArguments)));
        }
    }
}
