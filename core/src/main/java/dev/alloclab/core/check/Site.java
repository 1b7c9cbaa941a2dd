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
    /** The frame that called {@link #frame}'s method, when it is the program's too; ASan's {@code #1} line. */
    private final StackWalker.StackFrame caller;
    /** The kit helper the program called there and that made the heap call ({@code VecMetadata.push}), or null. */
    private final String through;

    private Site(String label, int traceLine, StackWalker.StackFrame frame) {
        this(label, traceLine, frame, null, null);
    }

    private Site(String label, int traceLine, StackWalker.StackFrame frame, StackWalker.StackFrame caller,
                 String through) {
        this.label = label;
        this.traceLine = traceLine;
        this.frame = frame;
        this.caller = caller;
        this.through = through;
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

    /**
     * A captured stack frame with what a learner needs to tell one call of a helper from another: the frame that
     * called it ({@code caller}, or null), and the kit helper the frame called that made the heap call
     * ({@code through}, such as {@code VecMetadata.push}, or null when the frame called the heap itself). Printed as
     * {@code Class.method (File.java:41) through VecMetadata.push, called from Class.run (File.java:12)}.
     */
    static Site frame(StackWalker.StackFrame frame, StackWalker.StackFrame caller, String through) {
        return frame == null ? UNKNOWN : new Site(null, -1, frame, caller, through);
    }

    /** The kit helper the program called that made the heap call ({@code VecMetadata.push}), if any. */
    java.util.Optional<String> through() {
        return java.util.Optional.ofNullable(through);
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
            return text(frame) + (through == null ? "" : " through " + through)
                    + (caller == null ? "" : ", called from " + text(caller));
        }
        return "";
    }

    private static String text(StackWalker.StackFrame frame) {
        String className = frame.getClassName();
        String simpleName = className.substring(className.lastIndexOf('.') + 1);
        return simpleName + "." + frame.getMethodName() + " (" + frame.getFileName() + ":" + frame.getLineNumber() + ")";
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
