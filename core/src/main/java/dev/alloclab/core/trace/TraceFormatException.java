package dev.alloclab.core.trace;

import dev.alloclab.core.KitException;

/**
 * A trace that cannot be read, or cannot be replayed as it is. The message starts with
 * {@code file:line:column:}, like a compiler's, then says what was expected and what was found.
 */
public final class TraceFormatException extends KitException {
    private static final long serialVersionUID = 1L;

    private final String file;
    private final int line;
    private final int column;
    private final String sentence;

    public TraceFormatException(String file, int line, int column, String sentence) {
        super(file + ":" + line + ":" + column + ": " + sentence);
        this.file = file;
        this.line = line;
        this.column = column;
        this.sentence = sentence;
    }

    /** What went wrong, without the {@code file:line:column:} in front. */
    public String sentence() {
        return sentence;
    }

    /** The file (or trace name) as the user gave it. */
    public String file() {
        return file;
    }

    /** The 1-based line of the problem. */
    public int line() {
        return line;
    }

    /** The 1-based column of the problem (1 when the whole line is meant). */
    public int column() {
        return column;
    }
}
