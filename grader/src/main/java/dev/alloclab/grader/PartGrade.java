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
 * @param met      whether the part's bar was met: every hidden test passed, the coverage thresholds reached. Never
 *                 true when points were lost; for a part a rubric gives 0 points, the only sign of a shortfall
 *                 (Gradescope and JUnit show a failed test for it, not a green 0 / 0)
 */
public record PartGrade(String name, double score, double maxScore, String summary, List<String> details, boolean met) {
    /** Summary and details may quote the student's messages and names: made safe to show (see {@link StudentText}). */
    public PartGrade {
        summary = StudentText.lines(summary);
        details = StudentText.eachLines(details);
        met = met && score >= maxScore;
    }

    /** A part whose bar is its points: met when none were lost. */
    public PartGrade(String name, double score, double maxScore, String summary, List<String> details) {
        this(name, score, maxScore, summary, details, score >= maxScore);
    }
}
