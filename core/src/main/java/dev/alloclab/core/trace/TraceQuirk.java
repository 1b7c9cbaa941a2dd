package dev.alloclab.core.trace;

/**
 * Something a lenient parse accepted that the strict format forbids, kept so the replay can
 * tell the user what it tolerated ({@code line 7: 'f -1' frees null: nothing to do}).
 *
 * @param line the trace line (1-based)
 * @param description one sentence
 */
public record TraceQuirk(int line, String description) {
    @Override
    public String toString() {
        return "line " + line + ": " + description;
    }
}
