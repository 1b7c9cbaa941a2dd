package dev.alloclab.core;

/**
 * A path or name as one word a POSIX shell reads back as it is, for the commands the kit's messages suggest:
 * a course folder copied off Windows ("Malloc Lab/traces") would otherwise split at its space when pasted.
 */
public final class ShellWord {
    private ShellWord() {
    }

    /** {@code text} as it is when it holds only safe characters, else in single quotes (a quote inside escaped). */
    public static String of(String text) {
        Checks.notNull(text, "the text to quote");
        return text.matches("[A-Za-z0-9_./+:@%=-]+") ? text : "'" + text.replace("'", "'\\''") + "'";
    }
}
