package dev.alloclab.grader;

import java.util.List;

/**
 * The grade of a whole submission: what every report format renders.
 *
 * @param submission     the submission folder's name
 * @param contentHash    SHA-256 of the graded files ({@link Submission#contentHash()})
 * @param score          points earned
 * @param maxScore       points possible under the rubric
 * @param exercises      per exercise, in course order
 * @param notes          things noticed about the submission as a whole (skipped files, links)
 * @param seconds        wall-clock time the grading took
 * @param gradedWith     what produced the grade (the rubric's name and hash, the kit's version and build), so a
 *                       disputed grade can be reproduced weeks later; empty when the caller did not say
 */
public record GradeReport(String submission, String contentHash, double score, double maxScore,
        List<ExerciseGrade> exercises, List<String> notes, double seconds, String gradedWith) {

    /** The folder's name and the notes (which name the student's files) are made safe to show, one line each. */
    public GradeReport {
        submission = StudentText.line(submission);
        notes = StudentText.eachLine(notes);
        gradedWith = gradedWith == null ? "" : gradedWith;
    }

    /** A report that does not say what produced it. */
    public GradeReport(String submission, String contentHash, double score, double maxScore,
                       List<ExerciseGrade> exercises, List<String> notes, double seconds) {
        this(submission, contentHash, score, maxScore, exercises, notes, seconds, "");
    }

    /** This report, saying what produced it ({@link #gradedWith()}). */
    public GradeReport withGradedWith(String description) {
        return new GradeReport(submission, contentHash, score, maxScore, exercises, notes, seconds, description);
    }

    /** True when every point was earned. */
    public boolean fullMarks() {
        return Math.abs(score - maxScore) < 1e-9;
    }
}
