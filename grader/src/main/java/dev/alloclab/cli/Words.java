package dev.alloclab.cli;

/**
 * Small pieces of English the commands print. One place, so that {@code bench} and {@code replay} count
 * ("1 timed run", "3 traces") the same way.
 *
 * <p>Internal to the command line.
 */
public final class Words {
    private Words() {
    }

    /** "1 trace", "3 traces", "0 traces": {@code noun} takes an s unless the count is exactly one. */
    public static String plural(long count, String noun) {
        return count + " " + noun + (count == 1 ? "" : "s");
    }
}
