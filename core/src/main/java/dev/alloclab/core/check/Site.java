package dev.alloclab.core.check;

import java.util.Objects;

/**
 * Where in the program a heap operation happened: a label the caller set
 * ({@code "Examples.getYears (Examples.java:41)"}), a line of a trace file, or the caller's
 * stack frame captured by {@link StackWalker}.
 *
 * <p>Sites are cheap on purpose: the checked heap keeps the label, the line number or the frame
 * as it is and only formats text in {@link #toString()}, when a report is written. That keeps
 * the happy path of a checked replay free of string building.
 */
public final class Site {
    /** The site of operations the program did not label. */
    public static final Site UNKNOWN = new Site(null, -1, null);

    private final String label;
    private final int traceLine;
    private final StackWalker.StackFrame frame;

    private Site(String label, int traceLine, StackWalker.StackFrame frame) {
        this.label = label;
        this.traceLine = traceLine;
        this.frame = frame;
    }

    /** A site named by the caller, printed as it is. */
    public static Site label(String label) {
        return label == null || label.isBlank() ? UNKNOWN : new Site(label, -1, null);
    }

    /** The line of a trace file, printed as {@code trace line N}. */
    public static Site traceLine(int line) {
        return new Site(null, line, null);
    }

    /** A captured stack frame, printed as {@code Class.method (File.java:41)}. */
    public static Site frame(StackWalker.StackFrame frame) {
        return frame == null ? UNKNOWN : new Site(null, -1, frame);
    }

    /** True unless this is {@link #UNKNOWN}. */
    public boolean isKnown() {
        return this != UNKNOWN;
    }

    /** The trace line, or -1 when this site is not a trace line. */
    public int traceLine() {
        return traceLine;
    }

    @Override
    public String toString() {
        if (label != null) {
            return label;
        }
        if (traceLine >= 0) {
            return "trace line " + traceLine;
        }
        if (frame != null) {
            String className = frame.getClassName();
            String simpleName = className.substring(className.lastIndexOf('.') + 1);
            return simpleName + "." + frame.getMethodName()
                    + " (" + frame.getFileName() + ":" + frame.getLineNumber() + ")";
        }
        return "";
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Site site && toString().equals(site.toString());
    }

    @Override
    public int hashCode() {
        return Objects.hash(toString());
    }
}
