package dev.alloclab.exercises.support;

import dev.alloclab.core.NotImplemented;
import dev.alloclab.core.alloc.Allocator;
import org.opentest4j.AssertionFailedError;

/**
 * A request close to {@code Integer.MAX_VALUE}, which no heap of the visible tests can hold: the contract says
 * {@code alloc} answers it with NULL and changes nothing. The usual mistake is arithmetic in {@code int}: the block
 * size (header + size, rounded up), or the increment the heap must grow by, passes {@code Integer.MAX_VALUE} and
 * wraps to a negative number, and the allocator then throws from inside {@code sbrk} or a heap write. This helper
 * turns that throw into a failure that names the request and says what to check, as the grader's hidden tests do.
 */
public final class HugeRequests {
    /** What usually causes it when the block size is an int or a long the student can compute (bump). */
    public static final String ADVICE = "Near Integer.MAX_VALUE the block size (header + size, rounded up) or the "
            + "increment passed to sbrk wraps past Integer.MAX_VALUE to a negative number. Work in long: compare what "
            + "the request needs with the room left (heap().maxSize() - heap().size() when the heap must grow) and "
            + "return NULL when it is more, before casting anything to int. And when sbrk itself answers "
            + "HeapBytes.NO_MEMORY, return NULL then too, with the heap and the old block as they were.";

    /** The same for implicit-list, whose {@code blockSizeFor(int)} returns an int: refuse the size before computing. */
    public static final String INT_BLOCK_SIZE_ADVICE = "Your blockSizeFor(int) returns an int, and the block size of "
            + "such a request (size + 8 for header and footer, rounded up to 8) does not fit in one: it wraps past "
            + "Integer.MAX_VALUE to a negative number. In alloc, return NULL for any size above Integer.MAX_VALUE - 16 "
            + "before you call blockSizeFor; no heap can hold such a block anyway.";

    private HugeRequests() {
    }

    /**
     * {@code allocator.alloc(size)}, or a failure naming the call ({@code setting} says after what) when it throws.
     * A stub's "not implemented yet" passes through, so an exercise not started stays "not started".
     */
    public static int alloc(Allocator allocator, int size, String setting, String advice) {
        try {
            return allocator.alloc(size);
        } catch (NotImplemented notStarted) {
            throw notStarted;
        } catch (RuntimeException e) {
            throw new AssertionFailedError("alloc(" + size + ") " + setting + " threw " + e.getClass().getSimpleName()
                    + firstLine(e) + ". A request that cannot be served must return NULL (-1), never throw.\n  What to "
                    + "do: " + advice, e);
        }
    }

    /** {@code " (its message's first line)"}, or nothing when it has no message. */
    private static String firstLine(RuntimeException e) {
        String line = e.getMessage() == null ? "" : e.getMessage().lines().findFirst().orElse("").strip();
        return line.isEmpty() ? "" : " (" + line + ")";
    }
}
