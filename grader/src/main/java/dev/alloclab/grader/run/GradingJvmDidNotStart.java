package dev.alloclab.grader.run;

import dev.alloclab.core.KitException;

/**
 * The grading JVM ended or stayed silent before it connected, so nothing of the submission ran: a fault of the
 * machine the grader runs on (no memory for the JVM's heap, a broken {@code java}, a machine too busy to start one
 * in time), never of the submission. Its message says so and what to do, instead of asking for a bug report: it is
 * a {@link KitException}, which the command line prints as one sentence, and which {@code grade-all} writes in the
 * student's row without a content hash, so that the next run grades that submission again.
 */
public final class GradingJvmDidNotStart extends KitException {
    private static final long serialVersionUID = 1L;

    private GradingJvmDidNotStart(String message) {
        super(message);
    }

    /**
     * Why the grading JVM did not connect: it exited with {@code exitCode} ({@code exited}), or it was still
     * silent after {@code seconds}; {@code errorOutput} is what it printed, {@code heapMegabytes} its {@code -Xmx}.
     */
    static GradingJvmDidNotStart because(boolean exited, int exitCode, String errorOutput, int heapMegabytes,
                                         int seconds) {
        String output = errorOutput == null || errorOutput.isBlank() ? "it printed nothing"
                : "it printed: " + errorOutput.strip();
        String what = exited
                ? "the grading JVM exited with status " + exitCode + " before it could run any of the submission's "
                        + "code, so nothing was graded (" + output + "). That is this machine, not the submission: check "
                        + "that 'java -version' runs here and that it can give a JVM the rubric's limits.heapMegabytes ("
                        + heapMegabytes + " MB)"
                : "the grading JVM was started but did not connect within " + seconds + " s, before any of the "
                        + "submission's code ran, so nothing was graded (" + output + "). That is this machine, not "
                        + "the submission: it is too busy to start Java in time (other gradings beside it, or more "
                        + "--jobs than it has cores)";
        return new GradingJvmDidNotStart(what + ". Then grade again; grade-all grades this submission again by "
                + "itself on its next run.");
    }
}
