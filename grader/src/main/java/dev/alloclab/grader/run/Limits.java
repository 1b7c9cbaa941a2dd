package dev.alloclab.grader.run;

/**
 * The limits a grading JVM runs under.
 *
 * @param timeoutSeconds wall-clock seconds one exercise (student tests + hidden suite) may take
 * @param heapMegabytes  the grading JVM's {@code -Xmx}
 * @param outputKilobytes how much of the grading JVM's stdout and stderr is kept (each)
 */
public record Limits(int timeoutSeconds, int heapMegabytes, int outputKilobytes) {
    public static final Limits DEFAULT = new Limits(20, 512, 64);
}
