package dev.alloclab.grader;

import java.util.List;

/**
 * One scored part of an exercise.
 *
 * @param name     {@code hidden}, {@code coverage} or {@code performance}
 * @param score    points earned
 * @param maxScore points possible
 * @param summary  one line: what was measured against what
 * @param details  further lines (a failed hidden test each, a performance table); never hidden test source
 */
public record PartGrade(String name, double score, double maxScore, String summary, List<String> details) {
    /** Summary and details may quote the student's messages and names: made safe to show (see {@link StudentText}). */
    public PartGrade {
        summary = StudentText.lines(summary);
        details = StudentText.eachLines(details);
    }
}
