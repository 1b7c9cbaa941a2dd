package dev.alloclab.exercises.support;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A {@link StackOverflowError} thrown in the student's code, told as a test failure with a sentence.
 *
 * <p>Left alone, {@code mvn test} shows {@code » StackOverflow} and a thousand lines of trace whose first frames are
 * the kit's (the checked heap was writing down where a call came from when the stack ran out), so it reads like the
 * kit's fault. The failure instead names the student's method that fills the stack, says what usually causes it, and
 * keeps a short trace of the student's frames only, the first where the stack ran out ({@code check} names that frame
 * and its caller from it). A stack overflow with no frame of the student's main code (a test's own recursion) is left
 * as it is.
 */
public final class RunawayRecursion {
    /** How many of the student's frames the shortened trace keeps. */
    static final int FRAMES_KEPT = 12;

    private RunawayRecursion() {
    }

    /** The failure to report instead of {@code failure}, when it is a stack overflow in the student's main code. */
    public static Optional<AssertionError> from(Throwable failure) {
        if (!(failure instanceof StackOverflowError overflow)) {
            return Optional.empty();
        }
        StackTraceElement[] stack = overflow.getStackTrace();
        int first = 0;
        while (first < stack.length && !StuckTestWatchdog.isStudentMainCode(stack[first].getClassName())) {
            first++;
        }
        if (first == stack.length) {
            return Optional.empty();
        }
        List<StackTraceElement> own = new ArrayList<>();
        for (int i = first; i < stack.length && own.size() < FRAMES_KEPT; i++) {
            if (StuckTestWatchdog.isStudentMainCode(stack[i].getClassName())) {
                own.add(stack[i]);
            }
        }
        AssertionError told = new AssertionError(sentence(stack, first));
        told.setStackTrace(own.toArray(StackTraceElement[]::new));
        return Optional.of(told);
    }

    /**
     * Two lines: what ran out and which method of the student's fills the stack (the first line is what
     * {@code mvn test}'s summary and {@code check} show, next to the frame it was thrown at), then the usual cause
     * and the cure.
     */
    static String sentence(StackTraceElement[] stack, int first) {
        StackTraceElement top = stack[first];
        long same = Arrays.stream(stack).skip(first)
                .filter(f -> f.getClassName().equals(top.getClassName()) && f.getMethodName().equals(top.getMethodName()))
                .count();
        long below = stack.length - first;
        String method = simpleName(top) + "." + top.getMethodName();
        String what = same <= 2 ? "the Java stack ran out"
                : same == below ? method + " calls itself over and over: it is every one of the " + below
                        + " frames the trace kept from there down"
                : method + " is " + same + " of the " + below + " frames the trace kept from there down";
        return "StackOverflowError in your code: " + what + ".\n"
                + "A method that calls itself once per block or node runs out of stack on a long list or chain (a test "
                + "with thousands of them): walk it with a loop instead. The trace below shows your frames only.";
    }

    private static String simpleName(StackTraceElement frame) {
        return frame.getClassName().substring(frame.getClassName().lastIndexOf('.') + 1);
    }
}
