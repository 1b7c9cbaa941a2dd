package dev.alloclab.grader.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.alloclab.core.NotImplemented;
import org.junit.jupiter.api.Test;

/**
 * How the grading JVM describes a hidden test that stopped at a stub: "not started: WHAT", the
 * line the grader's feedback and its stub list are made from, also when AssertJ caught the stub.
 */
class StubFailureDescriptionTest {

    @Test
    void a_stub_caught_by_assertthatthrownby_is_described_as_not_started() {
        // GIVEN a hidden test's assertThatThrownBy(...).isInstanceOf(...) run against a stub
        Throwable failure = catchThrowable(() -> assertThatThrownBy(() -> {
            throw NotImplemented.yet("FrameStack.pop: move stack_length back to the top frame's start");
        }).isInstanceOf(IllegalStateException.class));
        // WHEN the worker describes the failure
        String described = GradingWorker.describe(failure);
        // THEN it is the stub's line, which names the method to write
        assertThat(described).isEqualTo("not started: FrameStack.pop: move stack_length back to the top frame's start");
        assertThat(NotImplemented.isCauseOf(failure)).isTrue();
    }

    @Test
    void a_real_failure_keeps_its_type_and_message() {
        assertThat(GradingWorker.describe(new IllegalStateException("stack is empty")))
                .isEqualTo("IllegalStateException: stack is empty");
    }

    @Test
    void an_exception_without_a_message_is_named_without_a_trailing_null() {
        // GIVEN the error a recursive release throws, which carries no message
        Throwable failure = new StackOverflowError();
        // WHEN the worker describes it
        String described = GradingWorker.describe(failure);
        // THEN the name alone is the description: ": null" would say nothing
        assertThat(described).isEqualTo("StackOverflowError");
    }

    @Test
    void a_stack_overflow_in_the_students_code_names_their_frames_and_never_the_hidden_suites() {
        // GIVEN the overflow of a recursive release: 1,000 frames of the student's release under a hidden test's frame
        java.util.List<StackTraceElement> frames = new java.util.ArrayList<>();
        String own = FailureFrames.OWN_FRAME_LABEL.substring(0, FailureFrames.OWN_FRAME_LABEL.length() - 2);
        String nodes = "dev.alloclab.exercises.refcount.RefCountedNodes";
        frames.add(new StackTraceElement("app", null, null, "dev.alloclab.core.check.CheckedHeap", "site", "CheckedHeap.java", 267));
        frames.add(new StackTraceElement(own, null, null, nodes, "release", "RefCountedNodes.java", 54));
        for (int i = 1; i < 1000; i++) {
            frames.add(new StackTraceElement(own, null, null, nodes, "release", "RefCountedNodes.java", 56));
        }
        frames.add(new StackTraceElement("hidden-suites", null, null, "dev.alloclab.hidden.refcount.RefCountHiddenTest",
                "releasing_a_long_list", "RefCountHiddenTest.java", 77));
        StackOverflowError failure = new StackOverflowError();
        failure.setStackTrace(frames.toArray(StackTraceElement[]::new));
        // WHEN the worker describes it
        String described = GradingWorker.describe(failure);
        // THEN it names the student's frame and its caller, how much of the stack the method is, and the cure
        assertThat(described).startsWith("StackOverflowError in your code, at RefCountedNodes.release "
                + "(RefCountedNodes.java:54), called from RefCountedNodes.release (RefCountedNodes.java:56); "
                + "RefCountedNodes.release is 1000 of the 1001 frames the trace kept from there down")
                .contains("walk it with a loop instead")
                .doesNotContain("RefCountHiddenTest", "hidden", "CheckedHeap");
        // AND when the stack ran out in a helper the recursive method calls, the sentence still names the recursion
        frames.add(1, new StackTraceElement(own, null, null, nodes, "count", "RefCountedNodes.java", 31));
        failure.setStackTrace(frames.toArray(StackTraceElement[]::new));
        assertThat(GradingWorker.describe(failure)).startsWith("StackOverflowError in your code, at RefCountedNodes.count "
                + "(RefCountedNodes.java:31), called from RefCountedNodes.release (RefCountedNodes.java:54); "
                + "RefCountedNodes.release is 1000 of the 1002 frames");
    }

    @Test
    void a_test_stopped_by_a_shorter_timeout_of_its_own_is_named_with_that_limit() {
        // Jupiter's verdicts on a test's own @Timeout(1), @Timeout(value = 500, unit = MILLISECONDS) and on the
        // grader's default
        assertThat(GradingWorker.limitIn(new java.util.concurrent.TimeoutException("too_slow() timed out after 1 second"),
                10)).isEqualTo("1 s");
        assertThat(GradingWorker.limitIn(new java.util.concurrent.TimeoutException(
                "too_slow() timed out after 500 milliseconds"), 10)).isEqualTo("500 ms");
        assertThat(GradingWorker.limitIn(new java.util.concurrent.TimeoutException("t() timed out after 10 seconds"), 10))
                .isEqualTo("10 s");
        // and a verdict it cannot read names the grader's limit
        assertThat(GradingWorker.limitIn(new java.util.concurrent.TimeoutException("timed out"), 10)).isEqualTo("10 s");
    }

    /** Stands for JUnit's own, which only JUnit makes: the worker reads it by its name and message. */
    private static final class DiscoveryIssueException extends RuntimeException {
        DiscoveryIssueException(String message) {
            super(message);
        }
    }

    @Test
    void a_class_junit_refuses_is_described_by_junits_issue_not_by_its_first_line() {
        // GIVEN JUnit's failure of the whole engine for a non-static @BeforeAll (QA owntests27 finding 5: the line
        // stopped at "during test discovery:")
        Throwable failure = new DiscoveryIssueException("TestEngine with ID 'junit-jupiter' encountered a critical "
                + "issue during test discovery:\n\n(1) [ERROR] @BeforeAll method 'void a.BTest.notStatic()' must be "
                + "static unless the test class is annotated with @TestInstance(Lifecycle.PER_CLASS).\n"
                + "    Source: MethodSource [className = 'a.BTest', methodName = 'notStatic', methodParameterTypes = '']\n"
                + "            at a.BTest.notStatic(SourceFile:0)");
        // THEN the description is JUnit's issue
        assertThat(GradingWorker.describe(failure)).isEqualTo("JUnit refused your tests: @BeforeAll method 'void "
                + "a.BTest.notStatic()' must be static unless the test class is annotated with "
                + "@TestInstance(Lifecycle.PER_CLASS).");
    }

    @Test
    void a_stopped_exercise_says_how_much_its_code_printed_only_past_what_was_kept() {
        // GIVEN an exercise stopped after printing 950 MB, and one that printed a few lines
        // WHEN the grader words the stop
        // THEN the first gets the amount and what to do, the second nothing more
        assertThat(SubmissionRunner.printedNote(950_000_000L, true)).isEqualTo(". Your code printed 950 MB; only the first "
                + "64 KiB were kept: remove the debug printing, it can be what made it too slow");
        assertThat(SubmissionRunner.printedNote(2_500_000L, false)).contains("printed 2.5 MB")
                .doesNotContain("too slow");
        assertThat(SubmissionRunner.printedNote(SubmissionRunner.KEPT_OUTPUT_BYTES, true)).isEmpty();
    }
}
