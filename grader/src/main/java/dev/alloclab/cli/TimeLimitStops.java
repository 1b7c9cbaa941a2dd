package dev.alloclab.cli;

import dev.alloclab.grader.ExerciseGrade;
import dev.alloclab.grader.GradeReport;
import dev.alloclab.grader.PartGrade;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Whether a grade shows that a wall-clock time limit was reached somewhere: a test or an exercise "stopped after
 * N s", a hidden test that "never ran" because the exercise's seconds ran out, own tests that "took the exercise's
 * whole time limit" (their coverage lost), or javac that "gave up after N s".
 * Those are the outcomes a busy machine can cause in code that is fine on its own (see {@link GradingOverlap}).
 *
 * <p>The grade carries these as the sentences the report shows, so they are recognised by the grader's own words:
 * where a test's name comes first ({@code failed: NAME — stopped after 10 s: ...}), the words must follow the
 * dash; an exercise's stop starts its line. A student who names a test after such a sentence only earns a second,
 * quiet grading of their own submission: nothing to gain.
 */
final class TimeLimitStops {
    /** The grader's sentences (GradingWorker, SubmissionRunner, JavaCompilation), as the report shows them. */
    private static final Pattern STOP = Pattern.compile(
            "(?:^|— )stopped after \\d+ s[:, ]|never ran: the exercise's \\d+ s ran out|javac gave up after \\d+ s"
                    + "|^your own tests took the exercise's whole time limit of \\d+ s"
                    + "|^your own tests took [\\d.]+ s of the exercise's time limit of \\d+ s",
            Pattern.MULTILINE);

    private TimeLimitStops() {
    }

    /** True when some exercise of {@code report} reached a time limit. */
    static boolean in(GradeReport report) {
        return report.exercises().stream().anyMatch(TimeLimitStops::in);
    }

    /** True when {@code exercise} reached a time limit: in its feedback, a part's summary or a part's details. */
    static boolean in(ExerciseGrade exercise) {
        List<String> lines = new ArrayList<>(exercise.feedback());
        for (PartGrade part : exercise.parts()) {
            lines.add(part.summary());
            lines.addAll(part.details());
        }
        return lines.stream().anyMatch(line -> line != null && STOP.matcher(line).find());
    }
}
