package dev.alloclab.core.check;

/**
 * One heap call the checked heap remembers about a block: the call that allocated it or freed
 * it, its step (the count of heap operations so far, starting at 1) and its site.
 *
 * <p>The call is kept as numbers, not text: {@link #call()} formats {@code alloc(20)},
 * {@code realloc(64, 40)} or {@code dealloc(64)} only when a report asks for it.
 *
 * @param operation which call it was
 * @param index the index passed to {@code realloc} or {@code dealloc} (the plain address), or -1
 * @param size the size passed to {@code alloc} or {@code realloc}, or -1
 * @param step the operation's step number
 * @param site where in the program it happened
 */
public record HeapEvent(Operation operation, int index, int size, int step, Site site) {
    /** The heap calls that create or end a block. */
    public enum Operation { ALLOC, REALLOC, DEALLOC }

    static HeapEvent alloc(int size, int step, Site site) {
        return new HeapEvent(Operation.ALLOC, -1, size, step, site);
    }

    static HeapEvent dealloc(int index, int step, Site site) {
        return new HeapEvent(Operation.DEALLOC, index, -1, step, site);
    }

    /** The call as the program wrote it: {@code alloc(20)}, {@code realloc(64, 40)}, {@code dealloc(64)}. */
    public String call() {
        return switch (operation) {
            case ALLOC -> "alloc(" + size + ")";
            case REALLOC -> "realloc(" + index + ", " + size + ")";
            case DEALLOC -> "dealloc(" + index + ")";
        };
    }
}
