package dev.alloclab.core;

/**
 * A stack frame as the kit's sentences name the line to look at: {@code ImplicitFreeListAllocator.findFit
 * (ImplicitFreeListAllocator.java:88)}, the class's simple name (a nested class keeps its {@code $}), the method, and
 * the file and line when the class file has them. The validator, the grader's time limits, the companion's watchdogs
 * and {@code mvn test}'s stuck-test watchdog all say it this way.
 */
public final class SourceLine {
    private SourceLine() {
    }

    /** {@code frame} in words: {@code Type.method (File.java:12)}, {@code Type.method (File.java)} or {@code Type.method}. */
    public static String of(StackTraceElement frame) {
        Checks.notNull(frame, "frame");
        String type = frame.getClassName().substring(frame.getClassName().lastIndexOf('.') + 1);
        String file = frame.getFileName() == null ? "" : " (" + frame.getFileName()
                + (frame.getLineNumber() > 0 ? ":" + frame.getLineNumber() : "") + ")";
        return type + "." + frame.getMethodName() + file;
    }
}
