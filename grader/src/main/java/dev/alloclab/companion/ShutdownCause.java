package dev.alloclab.companion;

import dev.alloclab.core.SourceLine;
import java.util.Collection;
import java.util.Optional;

/**
 * Why the JVM is shutting down while {@code alloclab check} still runs the tests, for the sentence its shutdown hook
 * prints. Two causes look alike from inside a hook: the code under test called {@code System.exit} (which would
 * otherwise end the check with the student's exit status), or the process was stopped from outside (Ctrl-C,
 * {@code kill}, a CI step's time limit). They differ in the threads' stacks: {@code System.exit} runs the hooks in
 * the calling thread, whose stack then holds {@code Runtime.exit} and, under it, the caller; a signal runs them from
 * the JVM's own signal thread, without {@code Runtime.exit}.
 */
public final class ShutdownCause {
    private ShutdownCause() {
    }

    /** The FAIL line for a check of {@code exerciseId} that the shutdown interrupted; {@code stacks} of every thread. */
    public static String sentence(String exerciseId, Collection<StackTraceElement[]> stacks) {
        return said(stacks, exerciseId + ": FAIL: the check stopped before the tests finished", exerciseId + ": FAIL: "
                + "the check was stopped from outside (Ctrl-C, kill, or the CI step's time limit) before the tests "
                + "finished; nothing was decided about the code.");
    }

    /**
     * The line for a coverage run of {@code exerciseId} that the shutdown interrupted: the place that called
     * {@code System.exit} (a test of the student's, their code under it), as {@link #sentence} names it for a check.
     */
    public static String coverageSentence(String exerciseId, Collection<StackTraceElement[]> stacks) {
        return said(stacks, exerciseId + ": coverage not measured: your tests stopped before they finished",
                exerciseId + ": coverage not measured: the run was stopped from outside (Ctrl-C, kill) before your "
                        + "tests finished.");
    }

    /** {@code stopped}, then where the code called {@code System.exit}, when a thread is in it; else {@code fromOutside}. */
    private static String said(Collection<StackTraceElement[]> stacks, String stopped, String fromOutside) {
        return exitCaller(stacks).map(caller -> stopped + ": the code called System.exit (at " + caller + "). Code under "
                + "test must return or throw, never exit.").orElse(fromOutside);
    }

    /** The frame that called {@code System.exit} or {@code Runtime.exit}, if a thread is in one. */
    static Optional<String> exitCaller(Collection<StackTraceElement[]> stacks) {
        for (StackTraceElement[] stack : stacks) {
            for (int i = 0; i < stack.length; i++) {
                if (isExit(stack[i])) {
                    int caller = i + 1;
                    while (caller < stack.length && isExit(stack[caller])) {
                        caller++;
                    }
                    return Optional.of(caller < stack.length ? SourceLine.of(stack[caller]) : "an unknown place");
                }
            }
        }
        return Optional.empty();
    }

    private static boolean isExit(StackTraceElement frame) {
        return frame.getMethodName().equals("exit")
                && (frame.getClassName().equals("java.lang.Runtime") || frame.getClassName().equals("java.lang.System"));
    }
}
