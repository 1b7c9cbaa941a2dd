package dev.alloclab.core;

/**
 * The marker an exercise stub throws from a method the student has not written yet.
 *
 * <p>The exercises' test extension turns it into a skipped ("not started") test rather than a
 * failure, so a fresh checkout is green and the progress table can tell "not started" from
 * "broken". Write stubs as:
 *
 * <pre>{@code
 * public int alloc(int size) {
 *     throw NotImplemented.yet("BumpAllocator.alloc: hand out the next 8-byte aligned index");
 * }
 * }</pre>
 */
public final class NotImplemented extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String whatToWrite;

    private NotImplemented(String whatToWrite) {
        super("not implemented yet: " + whatToWrite);
        this.whatToWrite = whatToWrite;
    }

    /** Returns (does not throw) the marker, so a stub reads {@code throw NotImplemented.yet(...)}. */
    public static NotImplemented yet(String whatToWrite) {
        return new NotImplemented(Checks.notBlank(whatToWrite, "whatToWrite"));
    }

    /** The one line that tells the student which method to write and what it must do. */
    public String whatToWrite() {
        return whatToWrite;
    }

    /** True if {@code failure} or one of its causes is this marker. */
    public static boolean isCauseOf(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof NotImplemented) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }
}
