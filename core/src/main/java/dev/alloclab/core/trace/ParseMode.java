package dev.alloclab.core.trace;

/**
 * How forgiving {@link RepParser} is. See {@code docs/formats.md} for the full list.
 *
 * <p>Both modes accept Windows line endings, blank lines after the last operation, and
 * {@code #} comments (also on a line of their own, anywhere), since none of them changes what a
 * trace means.
 */
public enum ParseMode {
    /**
     * The format as specified: exactly the announced number of operations, ids in range,
     * every {@code a} with a size, every {@code f} of a block allocated earlier. Use it to check
     * traces you write or generate.
     */
    STRICT,
    /**
     * Also accepts the quirks of traces in circulation, noting each one as a {@link TraceQuirk}:
     * more operation lines than the header announces, text after the announced operations (ignored
     * from the first line that is no operation), {@code a id} with no size (a 0-byte request,
     * which returns null), {@code f -1} and frees of ids never allocated (frees of null, which do
     * nothing), blank lines between operations, a header of only two numbers (ids, operations: some
     * ports of the lab write it so) or none at all (both counted from the lines), a UTF-8 byte-order mark before the header (skipped), and
     * carriage returns without newlines as line ends (classic Mac OS). The replay command parses
     * this way by default.
     */
    LENIENT
}
