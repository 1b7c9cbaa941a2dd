package dev.alloclab.companion;

import dev.alloclab.core.KitException;
import java.io.PrintWriter;
import java.io.Writer;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * Runs learner code that reports its progress (a command's lines on stderr) in a thread of its own, and stops
 * waiting for it when no progress comes for a while: {@code alloclab measure}'s guard against an allocator that
 * never returns, such as a walk round a free list whose last block points back to its first.
 *
 * <p>As {@link TimedTestRun} explains, a thread of the companion's own JVM cannot be killed safely; the stalled one is
 * interrupted and abandoned (a daemon, so the command still ends), and the sentence says where the learner's code was.
 */
public final class StallWatch {
    private static final long POLL_MILLIS = 50;

    private StallWatch() {
    }

    /**
     * How the watched work tells its progress: a line on {@code lines} (shown to the learner), or a {@code beat} (a
     * phase ended: a trace validated, its warm-up done), which counts the same but prints nothing.
     */
    public record Progress(PrintWriter lines, Runnable beat) {
    }

    /** The work did not report progress for the limit; its message says how long, and where the learner's code was. */
    public static final class Stalled extends KitException {
        private static final long serialVersionUID = 1L;

        Stalled(String message) {
            super(message);
        }
    }

    /**
     * Runs {@code work} in a daemon thread called {@code threadName} and returns what it returns. {@code work} gets a
     * {@link Progress} to tell its progress with (each line it writes goes to {@code progress}); when it tells none
     * for {@code limit}, the thread is interrupted and abandoned and {@link Stalled} is thrown.
     * What {@code work} throws is thrown here.
     *
     * @param what what the work does, for the sentence ("replaying coalescing.rep" comes from the last progress line)
     */
    public static <T> T run(String threadName, Duration limit, PrintWriter progress, String what,
                            Function<Progress, T> work) {
        AtomicLong lastProgress = new AtomicLong(System.nanoTime());
        AtomicReference<String> lastLine = new AtomicReference<>("");
        PrintWriter ticking = new PrintWriter(new Writer() {
            private final StringBuilder line = new StringBuilder();

            @Override
            public void write(char[] chars, int offset, int length) {
                lastProgress.set(System.nanoTime());
                progress.write(chars, offset, length);
                for (int i = offset; i < offset + length; i++) {
                    if (chars[i] == '\n') {
                        lastLine.set(line.toString().strip());
                        line.setLength(0);
                    } else {
                        line.append(chars[i]);
                    }
                }
            }

            @Override
            public void flush() {
                progress.flush();
            }

            @Override
            public void close() {
                progress.flush();
            }
        }, true);
        AtomicReference<T> result = new AtomicReference<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread worker = new Thread(() -> {
            try {
                result.set(work.apply(new Progress(ticking, () -> lastProgress.set(System.nanoTime()))));
            } catch (Throwable t) {
                failure.set(t);
            }
        }, threadName);
        worker.setDaemon(true);
        worker.start();
        long limitNanos = limit.toNanos();
        while (worker.isAlive()) {
            if (System.nanoTime() - lastProgress.get() > limitNanos) {
                StackTraceElement[] stack = worker.getStackTrace();
                worker.interrupt();
                progress.flush();
                String last = lastLine.get();
                throw new Stalled(what + " stopped after " + limit.toSeconds() + " s without progress"
                        + (last.isEmpty() ? "" : " (last: " + last + ")") + ": " + FailureLine.DID_NOT_RETURN
                        + FailureLine.stuckIn(stack) + ". A free list whose last block links back into the list is "
                        + "the usual endless loop; if your allocator is only slow, give it more time with --timeout.");
            }
            try {
                worker.join(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new KitException(what + " was interrupted.", e);
            }
        }
        Throwable thrown = failure.get();
        if (thrown instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (thrown instanceof Error error) {
            throw error;
        }
        return result.get();
    }
}
