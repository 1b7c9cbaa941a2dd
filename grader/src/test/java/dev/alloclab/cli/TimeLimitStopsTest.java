package dev.alloclab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.alloclab.grader.ExerciseGrade;
import dev.alloclab.grader.PartGrade;
import dev.alloclab.grader.run.TestOutcome;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Which grades {@code grade-all} grades again alone when they were made beside others: those where a wall-clock
 * limit was reached, recognised by the grader's own sentences wherever the report puts them.
 */
class TimeLimitStopsTest {

    @Test
    void every_sentence_the_grader_writes_for_a_time_limit_counts_as_a_stop() {
        // a hidden test stopped by its own limit, listed under the hidden part
        assertThat(stopIn(List.of(), "failed: BumpHiddenTest > alloc() — stopped after 10 s: " + TestOutcome.DID_NOT_RETURN))
                .isTrue();
        // a hidden test stopped by the exercise's limit, and one that never started because of it
        assertThat(stopIn(List.of(), "failed: SegregatedHiddenTest > perf() — stopped after 20 s, the exercise's time "
                + "limit: " + TestOutcome.DID_NOT_RETURN)).isTrue();
        assertThat(stopIn(List.of(), "failed: SegregatedHiddenTest > later() — never ran: the exercise's 20 s ran out "
                + "before it started")).isTrue();
        // one of the student's own tests, listed under coverage
        assertThat(stopIn(List.of(), "  BusyStudentTest > burn() — stopped after 10 s: " + TestOutcome.DID_NOT_RETURN))
                .isTrue();
        // a whole exercise stopped (its feedback line), and javac out of time
        assertThat(stopIn(List.of("stopped after 20 s in student-test BumpStudentTest > t(): "
                + TestOutcome.DID_NOT_RETURN), null)).isTrue();
        assertThat(stopIn(List.of("the grader could not compile its tests against your classes: javac gave up after "
                + "60 s: these sources take far longer"), null)).isTrue();
        // own tests that used up the exercise's limit (the hidden suite then ran alone; the coverage was lost)
        assertThat(stopIn(List.of(dev.alloclab.grader.run.SubmissionRunner.ownTestsStoppedSentence(
                "student-test BumpAllocatorStudentTest > third()", dev.alloclab.grader.run.Limits.DEFAULT, false) + "."), null))
                .isTrue();
    }

    @Test
    void failures_that_only_mention_the_words_are_no_stop() {
        // a student's own exception message (the grader names its class first) and an ordinary failure
        assertThat(stopIn(List.of(), "failed: BumpHiddenTest > alloc() — IllegalStateException: stopped after 10 s: "
                + "fake")).isFalse();
        assertThat(stopIn(List.of("your own tests cover 50% of lines"), "failed: BumpHiddenTest > alloc() — "
                + "AssertionFailedError: expected 8 but was 16")).isFalse();
    }

    private static boolean stopIn(List<String> feedback, String detail) {
        PartGrade hidden = new PartGrade("hidden", 0, 6, "1/2 hidden tests passed", detail == null ? List.of() : List.of(detail));
        return TimeLimitStops.in(new ExerciseGrade("bump", ExerciseGrade.GRADED, 0, 6, List.of(hidden), feedback));
    }
}
