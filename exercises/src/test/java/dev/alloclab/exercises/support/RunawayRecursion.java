package dev.alloclab.exercises.support;

import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

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
        Map<String, Boolean> studentClasses = new HashMap<>();
        List<StackTraceElement> own = Arrays.stream(stack)
                .filter(f -> studentClasses.computeIfAbsent(f.getClassName(), StuckTestWatchdog::isStudentMainCode))
                .toList();
        if (own.isEmpty()) {
            return Optional.empty();
        }
        int first = Arrays.asList(stack).indexOf(own.get(0));
        AssertionError told = new AssertionError(sentence(own, stack.length - first));
        told.setStackTrace(own.stream().limit(FRAMES_KEPT).toArray(StackTraceElement[]::new));
        return Optional.of(told);
    }

    /**
     * Two lines: what ran out and which method of the student's fills the stack (the first line is what
     * {@code mvn test}'s summary and {@code check} show, next to the frame it was thrown at), then the usual cause
     * and the cure. {@code own} are the student's frames, top first; {@code below} counts every frame from the first
     * of them down.
     */
    static String sentence(List<StackTraceElement> own, long below) {
        // the method that fills the stack: the one with the most frames (the top one may be a helper it calls)
        Map<String, Long> frames = own.stream().collect(Collectors.groupingBy(f -> simpleName(f) + "." + f.getMethodName(),
                LinkedHashMap::new, Collectors.counting()));
        Map.Entry<String, Long> most = Collections.max(frames.entrySet(), Map.Entry.comparingByValue());
        long same = most.getValue();
        String method = most.getKey();
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
