package dev.alloclab.grader.run;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Takes the stack-trace lines out of a failure message before it becomes feedback. A message can carry a whole
 * trace: AssertJ's {@code isInstanceOf} prints the actual throwable's, so a hidden test that sees the wrong exception
 * type would show the hidden suite's package, file, line numbers and lambda names
 * ({@code at hidden-suites//dev.alloclab.hidden.vec.IntVecHiddenTest.lambda$set_pop_and_bounds$2(IntVecHiddenTest.java:64)}),
 * which the feedback promises never to show (docs/instructors.md).
 *
 * <p>What stays: every line that is not a frame ({@code Caused by: ...} names the cause in the student's words), and
 * at the top of each trace the student's own frames ({@code submission-main//}, shown without that label), at most
 * {@value #OWN_FRAMES_KEPT}: they say where in the student's code the exception came from. Every other frame goes,
 * and so do {@code ...(78 remaining lines not displayed ...)} and {@code ... 5 more}.
 *
 * <p>INTERNAL.
 */
final class FailureFrames {
    /** The label a frame of the student's main classes carries: their class loader's name. */
    static final String OWN_FRAME_LABEL = "submission-main//";

    static final int OWN_FRAMES_KEPT = 2;

    private static final Pattern FRAME = Pattern.compile("^\\s+at \\S.*");
    private static final Pattern ELIDED = Pattern.compile("^\\s*\\.\\.\\.\\s*(\\(\\d+ remaining lines.*|\\d+ more\\s*)$");

    private FailureFrames() {
    }

    /** {@code message} without stack-trace lines, but for the student's own top frames; null stays null. */
    static String strip(String message) {
        if (message == null || !message.contains("at ")) {
            return message;
        }
        List<String> kept = new ArrayList<>();
        boolean atTop = false; // the line before was not a frame, or a kept frame of the student's
        int own = 0;
        for (String line : message.split("\n", -1)) {
            if (ELIDED.matcher(line).matches()) {
                atTop = false;
            } else if (FRAME.matcher(line).matches()) {
                int label = line.indexOf("at " + OWN_FRAME_LABEL);
                if (atTop && label >= 0 && own < OWN_FRAMES_KEPT) {
                    kept.add(line.substring(0, label) + "at " + line.substring(label + 3 + OWN_FRAME_LABEL.length()));
                    own++;
                } else {
                    atTop = false;
                }
            } else {
                kept.add(line);
                atTop = true;
                own = 0;
            }
        }
        return String.join("\n", kept);
    }
}
