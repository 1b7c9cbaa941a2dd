package dev.alloclab.core.trace;

/**
 * Something a lenient parse accepted that the strict format forbids, kept so the replay can
 * tell the user what it tolerated ({@code line 7: 'f -1' frees null: nothing to do}).
 *
 * @param line the trace line (1-based)
 * @param description one sentence
 * @param changesProgram true if the reading changes which operations are replayed, so that figures measured on
 *     the trace describe a different program from the one its author wrote (lines left out, a missing size, a
 *     free of a block never allocated); false for a layout that is only read differently (a byte-order mark,
 *     a two-number header, {@code f -1})
 */
public record TraceQuirk(int line, String description, boolean changesProgram) {
    /** A quirk of layout only: the operations are the ones the author wrote. */
    public TraceQuirk(int line, String description) {
        this(line, description, false);
    }

    @Override
    public String toString() {
        return "line " + line + ": " + description;
    }
}
