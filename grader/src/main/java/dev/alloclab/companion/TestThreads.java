package dev.alloclab.companion;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * The threads the visible tests run in, and the standard output that keeps their printing out of the terminal.
 *
 * <p>Every in-process run starts its tests in a thread of {@link #GROUP}; threads the tests start (JUnit's
 * time-limit threads, a student's own) join the same group, since a new thread takes its creator's. While tests
 * run, {@code System.out} and {@code System.err} are {@link #routed} streams: what a thread of the group writes is
 * dropped, what any other thread writes (the companion's own output) goes on to the terminal. A run the time limit
 * abandoned ({@link TimedTestRun}) leaves a thread that may print forever, so after one the routed streams stay in
 * place for the rest of the JVM instead of the terminal's.
 */
final class TestThreads {
    /** The group of every thread that runs the learner's code. */
    static final ThreadGroup GROUP = new ThreadGroup("alloclab-tests");

    private TestThreads() {
    }

    /** True when the calling thread runs the learner's code. */
    static boolean inTests() {
        return GROUP.parentOf(Thread.currentThread().getThreadGroup());
    }

    /** A stream that sends the tests' threads' bytes to nowhere and every other thread's to {@code terminal}. */
    static PrintStream routed(PrintStream terminal) {
        return new PrintStream(new OutputStream() {
            @Override
            public void write(int b) {
                if (!inTests()) {
                    terminal.write(b);
                }
            }

            @Override
            public void write(byte[] bytes, int offset, int length) {
                if (!inTests()) {
                    terminal.write(bytes, offset, length);
                }
            }

            @Override
            public void flush() throws IOException {
                if (!inTests()) {
                    terminal.flush();
                }
            }
        }, true, StandardCharsets.UTF_8);
    }
}
