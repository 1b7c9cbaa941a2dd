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
 * log or a pipe: one plain line per finished row, no carriage returns. The bar's line is fitted to the terminal's width
 * ({@link TerminalWidth}; a wrapped line leaves a stale row at each redraw), narrower or without the bar on a narrow
 * terminal, and as plain lines when not even the counts fit. Interrupted (Ctrl-C), it says what is kept and how
 * to resume, since the run stops without the usual summary.
 */
final class GradeAllProgress implements AutoCloseable {
    /** The bar's width when the terminal has room (the line is then 87 columns with a 24-column name). */
    private static final int WIDTH = 30;
    /** A bar narrower than this says too little: the line goes without it. */
    private static final int NARROWEST_BAR = 10;
    /** The room a name gets at most, and at least before the bar is made narrower. */
    private static final int NAME = 24;
    private static final int SHORTEST_NAME = 8;

    private final PrintWriter err;
    private final int total;
    private final boolean terminal;
    /** The terminal's width in columns (0 in a log). */
    private final int columns;
    private final long start = System.nanoTime();
    private final ScheduledExecutorService ticker;
    private final Thread onInterrupt;
    private final String resumeHint;
    private int done;
    /** Rows that took a grading (not a kept result, an archive or a folder refused at once): what the ETA is made of. */
    private int graded;
    private String last = "";
    /** The submissions being graded now, in the order they started: the bar names the oldest. */
    private final java.util.Set<String> grading = new java.util.LinkedHashSet<>();
    private boolean closed;

    /**
     * @param terminal   whether standard error is a terminal (redraw in place) or a log (one line per row)
     * @param resumeHint what is kept and how to go on, said when the run is interrupted
     */
    GradeAllProgress(PrintWriter err, int total, boolean terminal, String resumeHint) {
        this(err, total, terminal ? TerminalWidth.columns() : 0, resumeHint);
    }

    /**
     * @param columns the terminal's width, or 0 for a log. A line as wide as the terminal wraps, and the carriage
     *                return of each redraw then only goes back to its last row, leaving a stale row each second: so the
     *                bar is fitted into one column less, and a terminal too narrow for even its shortest form gets the
     *                log's plain lines.
     */
    GradeAllProgress(PrintWriter err, int total, int columns, String resumeHint) {
        this.err = err;
        this.total = total;
        this.terminal = columns > 0 && line(columns, total, total, "000:00", "000:00", "") != null;
        this.columns = columns;
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
        step(name, true);
    }

    /** {@code name}'s grading started: the bar names it while it runs. */
    synchronized void started(String name) {
        grading.add(StudentText.line(name));
    }

    /**
     * As {@link #step(String)}; {@code tookAGrading} is false for a row that cost no grading (a kept result, an archive,
     * a folder refused at once), which the ETA leaves out of its rate: a class whose first rows are kept results would
     * otherwise promise the rest in no time, and one whose first rows are archives at 0:00 per row.
     */
    synchronized void step(String name, boolean tookAGrading) {
        done++;
        if (tookAGrading) {
            graded++;
        }
        last = StudentText.line(name);
        grading.remove(last);
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
        String line = line(columns, done, total, clock(elapsed()), eta(),
                grading.isEmpty() ? last : "grading " + grading.iterator().next());
        err.print("\r" + (line == null ? "" : line));
        err.flush();
    }

    /**
     * The bar's line for a terminal {@code columns} wide, at most {@code columns - 1} characters (the last column left
     * free: some terminals wrap as soon as it is written): the bar up to 30 wide, then the counts, then the name cut to
     * what is left and padded (to overwrite a longer name before it). A narrow terminal gets a narrower bar, then none;
     * null when not even the counts fit.
     */
    static String line(int columns, int done, int total, String elapsed, String eta, String name) {
        int room = columns - 1;
        String counts = String.format(Locale.ROOT, "%d/%d  elapsed %s  ETA %s", done, total, elapsed, eta);
        if (counts.length() > room) {
            return null;
        }
        // "[bar] " + counts + "  " + name
        int bar = Math.min(WIDTH, room - counts.length() - 3 - 2 - SHORTEST_NAME);
        StringBuilder line = new StringBuilder(room);
        if (bar >= NARROWEST_BAR) {
            int filled = total == 0 ? bar : done * bar / total;
            line.append('[').append("#".repeat(filled)).append(".".repeat(bar - filled)).append("] ");
        }
        line.append(counts);
        int nameRoom = Math.min(NAME, room - line.length() - 2);
        if (nameRoom > 0) {
            String shown = name.length() > nameRoom ? name.substring(0, nameRoom) : name;
            line.append("  ").append(shown);
        }
        // padded: a shorter line (a shorter name, an ETA that lost a digit) must cover the longer one it redraws
        return line.append(" ".repeat(Math.max(0, Math.min(room, WIDTH + 3 + counts.length() + 2 + NAME) - line.length())))
                .toString();
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
        return done == total ? clock(0) : graded == 0 ? "--:--" : clock(elapsed() / graded * (total - done));
    }

    private static String clock(double seconds) {
        long s = Math.round(seconds);
        return String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }
}
