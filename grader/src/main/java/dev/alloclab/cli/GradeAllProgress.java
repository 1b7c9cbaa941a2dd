package dev.alloclab.cli;

import dev.alloclab.grader.StudentText;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * What {@code grade-all} shows while it works, on standard error. On a terminal: one bar with an ETA, redrawn in place
 * and once a second (a class's first submissions take a while, and a clock that stands still looks like a hang). In a
 * log or a pipe: one plain line per finished row, no carriage returns. Interrupted (Ctrl-C), it says what is kept and how
 * to resume, since the run stops without the usual summary.
 */
final class GradeAllProgress implements AutoCloseable {
    private static final int WIDTH = 30;

    private final PrintWriter err;
    private final int total;
    private final boolean terminal;
    private final long start = System.nanoTime();
    private final ScheduledExecutorService ticker;
    private final Thread onInterrupt;
    private final String resumeHint;
    private int done;
    private String last = "";
    private boolean closed;

    /**
     * @param terminal   whether standard error is a terminal (redraw in place) or a log (one line per row)
     * @param resumeHint what is kept and how to go on, said when the run is interrupted
     */
    GradeAllProgress(PrintWriter err, int total, boolean terminal, String resumeHint) {
        this.err = err;
        this.total = total;
        this.terminal = terminal;
        if (terminal) {
            ticker = Executors.newSingleThreadScheduledExecutor(task -> {
                Thread thread = new Thread(task, "grade-all progress");
                thread.setDaemon(true);
                return thread;
            });
            ticker.scheduleAtFixedRate(this::redraw, 1, 1, TimeUnit.SECONDS);
            redraw();
        } else {
            ticker = null;
        }
        this.resumeHint = resumeHint;
        onInterrupt = new Thread(this::interrupted, "grade-all interrupted");
        Runtime.getRuntime().addShutdownHook(onInterrupt);
    }

    /**
     * One more gradebook row is done ({@code name}'s). The name is a student's folder name, shown on one line with its
     * control characters as escapes: a folder named {@code esc ESC[31m} must not turn the terminal red, nor one with a
     * newline break the line.
     */
    synchronized void step(String name) {
        done++;
        last = StudentText.line(name);
        if (terminal) {
            draw();
        } else {
            err.printf(Locale.ROOT, "grade-all: %d/%d done (%s), elapsed %s, ETA %s%n", done, total, last,
                    clock(elapsed()), eta());
            err.flush();
        }
    }

    /** The run finished: the bar's line is ended and nothing more is drawn. */
    @Override
    public synchronized void close() {
        if (ticker != null) {
            ticker.shutdownNow();
        }
        if (!closed && ticker != null) {
            err.println();
            err.flush();
        }
        closed = true;
        try {
            Runtime.getRuntime().removeShutdownHook(onInterrupt);
        } catch (IllegalStateException shuttingDown) {
            // the JVM is already exiting: the hook says its line
        }
    }

    private synchronized void redraw() {
        if (!closed) {
            draw();
        }
    }

    private void draw() {
        int filled = total == 0 ? WIDTH : done * WIDTH / total;
        String name = last.length() > 24 ? last.substring(0, 24) : last + " ".repeat(24 - last.length());
        err.printf(Locale.ROOT, "\r[%s%s] %d/%d  elapsed %s  ETA %s  %s", "#".repeat(filled), ".".repeat(WIDTH - filled),
                done, total, clock(elapsed()), eta(), name);
        err.flush();
    }

    /** Run by the JVM's shutdown (Ctrl-C) before {@link #close}: what is kept, and how to go on. */
    synchronized void interrupted() {
        if (closed) {
            return;
        }
        closed = true;
        err.printf(Locale.ROOT, "%sgrade-all: interrupted after %d of %d. %s%n", terminal ? System.lineSeparator() : "",
                done, total, resumeHint);
        err.flush();
    }

    private double elapsed() {
        return (System.nanoTime() - start) / 1e9;
    }

    private String eta() {
        return done == 0 ? "--:--" : clock(elapsed() / done * (total - done));
    }

    private static String clock(double seconds) {
        long s = Math.round(seconds);
        return String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }
}
