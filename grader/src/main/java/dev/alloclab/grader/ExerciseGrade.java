package dev.alloclab.grader;

import java.util.List;

/**
 * The grade of one exercise.
 *
 * @param id       exercise id
 * @param status   {@link #GRADED}, {@link #NOT_STARTED}, {@link #MISSING}, {@link #COMPILE_ERROR},
 *                 {@link #MISSING_API} or {@link #STOPPED}
 * @param score    points earned (sum of the parts)
 * @param maxScore points possible
 * @param parts    the scored parts
 * @param feedback sentences for the student, most important first
 */
public record ExerciseGrade(String id, String status, double score, double maxScore,
        List<PartGrade> parts, List<String> feedback) {
    public static final String GRADED = "graded";
    public static final String NOT_STARTED = "not started";
    public static final String MISSING = "missing";
    public static final String COMPILE_ERROR = "compile error";
    /** The student's classes compile, but lack a class, method or signature the hidden suite calls. */
    public static final String MISSING_API = "missing API";
    public static final String STOPPED = "stopped";

    /** Feedback quotes compiler messages and the student's own: made safe to show (see {@link StudentText}). */
    public ExerciseGrade {
        feedback = StudentText.eachLines(feedback);
    }
}
