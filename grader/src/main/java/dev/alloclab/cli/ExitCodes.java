package dev.alloclab.cli;

/** The exit codes every subcommand uses, as DESIGN.md and the help text list them. */
public final class ExitCodes {
    /** Success. */
    public static final int OK = 0;
    /** What was checked or graded failed (a violation, a failed trace, points lost). */
    public static final int CHECK_FAILED = 1;
    /** Bad command line or unreadable input. */
    public static final int BAD_INPUT = 2;
    /** A bug in alloclab itself: the stack trace is printed so it can be reported (BSD sysexits' EX_SOFTWARE). */
    public static final int INTERNAL_ERROR = 70;
    /**
     * Between {@code watch} and the launcher that runs it, never shown to a user: start watch again in a fresh JVM
     * (its tests left the learner's code running, see {@code WatchLoop}). BSD sysexits' EX_TEMPFAIL.
     */
    public static final int RESTART_WATCH = 75;

    private ExitCodes() {
    }
}
