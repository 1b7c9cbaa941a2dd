package dev.alloclab.companion;

import dev.alloclab.core.SourceLine;
import dev.alloclab.core.course.Exercise;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one line {@code check}, {@code progress} and {@code watch} show for a failed visible test. It must say what
 * {@code mvn test} says, in one line: the whole message (AssertJ's "expected: 13" is useless without its "but was:
 * 0" on the next line, and a description such as "[blocks the vec owns]" is useless without the values under it),
 * the exception's type when it is not an assertion (an {@code IllegalStateException} from the student's helper is a
 * different story from a failed assertion), and where in the student's own code it was thrown, since the test's
 * frames only say which test called it.
 *
 * <pre>{@code
 * IllegalStateException: bad index -1 (thrown at IntVec.checkIndex (IntVec.java:105), called from IntVec.grow (IntVec.java:68))
 * }</pre>
 *
 * <p>One line cannot hold a report of several lines (the checked heap's, with its map and "What to do", or the
 * lockstep's two free lists side by side): such a failure also has its {@link #fullReport full report}, which the
 * commands show for their first failure, indented, as {@code mvn test} would.
 */
final class FailureLine {
    /** How long the message part may get; the place in the student's code is added after it. */
    static final int MAX_MESSAGE = 300;
    /** What a test stopped by a time limit says, after "stopped after N s". */
    static final String DID_NOT_RETURN = "your code did not return (an endless loop, a deadlock, or far too slow)";
    /** {@code at pkg.Class.method(File.java:12)}, and AssertJ's {@code ...(10 remaining lines not displayed ...}. */
    private static final Pattern STACK_FRAME = Pattern.compile("at \\S+\\(.*\\)|\\.\\.\\.\\(.*");
    /** JUnit Jupiter's time-limit message: {@code the_test() timed out after 20 seconds}. */
    private static final Pattern JUPITER_TIMEOUT = Pattern.compile(".*timed out after (\\d+) (second|millisecond)s?.*");
    /** How many frames of the student's code the line names: where it was thrown and who called that. */
    private static final int OWN_FRAMES = 2;
    /** How many lines of a message a full report shows; a report longer than that ends with "...". */
    static final int MAX_REPORT_LINES = 40;

    private FailureLine() {
    }

    /** The line for {@code failure}. */
    static String of(Throwable failure) {
        if (failure instanceof TimeoutException && failure.getMessage() != null) {
            Matcher m = JUPITER_TIMEOUT.matcher(failure.getMessage());
            if (m.matches()) {
                long seconds = m.group(2).equals("second") ? Long.parseLong(m.group(1))
                        : Math.max(1, Long.parseLong(m.group(1)) / 1000);
                return "stopped after " + seconds + " s: " + DID_NOT_RETURN + stuckIn(failure);
            }
        }
        java.util.Optional<String> refused = DiscoveryIssueText.of(failure);
        if (refused.isPresent()) {
            return capped(refused.get());
        }
        String message = message(failure);
        String line;
        if (failure instanceof AssertionError) {
            line = message.isEmpty() ? failure.getClass().getSimpleName() : message;
        } else {
            line = failure.getClass().getSimpleName() + (message.isEmpty() ? "" : ": " + message);
        }
        return capped(line) + ownCode(failure);
    }

    /**
     * The message's lines up to the first blank line or stack frame, stripped and joined with spaces: AssertJ puts
     * its values on the lines under a label, and a blank line before the comparison strategy's note.
     */
    static String message(Throwable failure) {
        String message = failure.getMessage() == null ? "" : failure.getMessage().strip();
        StringBuilder joined = new StringBuilder();
        for (String line : message.lines().map(String::strip).toList()) {
            if (line.isEmpty() || STACK_FRAME.matcher(line).matches() || joined.length() > MAX_MESSAGE) {
                break;
            }
            joined.append(joined.length() == 0 ? "" : " ").append(line);
        }
        return joined.toString();
    }

    /**
     * {@code " (it was in ImplicitFreeListAllocator.alloc (ImplicitFreeListAllocator.java:103))"}: where the student's
     * code was when a time limit stopped it, from JUnit's timeout, whose cause carries the stack of the test's thread
     * (the frame {@code mvn test} shows); nothing when no frame is the student's.
     */
    static String stuckIn(Throwable timeout) {
        for (Throwable t = timeout; t != null && t.getCause() != t; t = t.getCause()) {
            String frame = stuckIn(t.getStackTrace());
            if (!frame.isEmpty()) {
                return frame;
            }
        }
        return "";
    }

    /** As {@link #stuckIn(Throwable)}, for the stack of a thread that did not return ({@link TimedTestRun}). */
    static String stuckIn(StackTraceElement[] stack) {
        for (StackTraceElement frame : stack) {
            if (isOwnCode(frame.getClassName())) {
                return " (it was in " + SourceLine.of(frame) + ")";
            }
        }
        return "";
    }

    /**
     * The whole report of {@code failure}, for a message of several lines (the checked heap's, the lockstep's,
     * AssertJ's): a first line that says what was thrown and where ({@code "ViolationException (thrown at IntVec.push
     * (IntVec.java:59))"}, or {@code ""} for a test's own assertion), then every line of the message up to the stack
     * frames AssertJ adds, at most {@value #MAX_REPORT_LINES}. Empty when the message has one line: the
     * {@link #of one line} is then the whole report.
     */
    static List<String> fullReport(Throwable failure) {
        if (failure instanceof TimeoutException || failure.getMessage() == null) {
            return List.of();
        }
        List<String> lines = new ArrayList<>();
        for (String line : failure.getMessage().strip().lines().map(String::stripTrailing).toList()) {
            if (STACK_FRAME.matcher(line.strip()).matches()) {
                break;
            }
            if (!(line.isEmpty() && (lines.isEmpty() || lines.get(lines.size() - 1).isEmpty()))) {
                lines.add(line); // one blank line between sections, never two
            }
        }
        while (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
            lines.remove(lines.size() - 1);
        }
        if (lines.size() < 2) {
            return List.of();
        }
        if (lines.size() > MAX_REPORT_LINES) {
            lines = new ArrayList<>(lines.subList(0, MAX_REPORT_LINES));
            lines.add("...");
        }
        String type = failure instanceof AssertionError ? "" : failure.getClass().getSimpleName();
        String where = ownCode(failure).strip();
        lines.add(0, (type + " " + where).strip());
        return lines;
    }

    private static String capped(String line) {
        return line.length() <= MAX_MESSAGE ? line : line.substring(0, MAX_MESSAGE - 3) + "...";
    }

    /**
     * {@code " (thrown at IntVec.checkIndex (IntVec.java:105), called from IntVec.grow (IntVec.java:68))"}: the top
     * frames of {@code failure} (or of its first cause that has any) that lie in the student's exercise code, or
     * nothing when none does (an assertion in the test itself).
     */
    static String ownCode(Throwable failure) {
        for (Throwable t = failure; t != null && t.getCause() != t; t = t.getCause()) {
            List<String> frames = new ArrayList<>();
            for (StackTraceElement frame : t.getStackTrace()) {
                if (isOwnCode(frame.getClassName())) {
                    frames.add(SourceLine.of(frame));
                    if (frames.size() == OWN_FRAMES) {
                        break;
                    }
                }
            }
            if (!frames.isEmpty()) {
                return " (thrown at " + frames.get(0) + (frames.size() > 1 ? ", called from " + frames.get(1) : "") + ")";
            }
        }
        return "";
    }

    /**
     * The kit's visible test helpers that live in an exercise's own package (its tests call package-private
     * methods) and whose names do not end in {@code Test}: a failure they throw is a comparison the kit makes, so
     * the student's frame below them is the one to name.
     */
    static final Set<String> KIT_TEST_HELPERS = Set.of("ReferenceLockstep");

    /** A class of the exercises that is not a test nor the starter's test support: code the student writes. */
    static boolean isOwnCode(String className) {
        if (!className.startsWith(Exercise.BASE_PACKAGE + ".") || className.startsWith(Exercise.BASE_PACKAGE + ".support.")) {
            return false;
        }
        String outer = className.substring(className.lastIndexOf('.') + 1);
        int nested = outer.indexOf('$');
        outer = nested < 0 ? outer : outer.substring(0, nested);
        return !outer.endsWith("Test") && !outer.endsWith("Tests") && !KIT_TEST_HELPERS.contains(outer);
    }
}
