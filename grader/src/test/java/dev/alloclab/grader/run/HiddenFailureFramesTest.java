package dev.alloclab.grader.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import org.junit.jupiter.api.Test;

/**
 * A hidden test's failure message never carries the hidden suite's frames (QA fairness finding 8): AssertJ's
 * {@code isInstanceOf} prints the actual throwable's stack trace, and the feedback promises no hidden file names or
 * line numbers. The student's own top frame stays: it says where their code threw.
 */
class HiddenFailureFramesTest {

    @Test
    void an_isinstanceof_failure_keeps_the_students_top_frame_and_drops_every_hidden_and_library_frame() {
        // GIVEN the failure l-vec-setiae got: set throws IllegalArgumentException where the suite expects an index error
        AssertionError failure = new AssertionError("""
                [set(5, 0) on a vec of length 1: an index past the length must throw IndexOutOfBoundsException]\s
                Expecting actual throwable to be an instance of:
                  java.lang.IndexOutOfBoundsException
                but was:
                  java.lang.IllegalArgumentException: set(5): no element 5 in a vec of length 1
                \tat submission-main//dev.alloclab.exercises.vec.IntVec.set(IntVec.java:64)
                \tat hidden-suites//dev.alloclab.hidden.vec.IntVecHiddenTest.lambda$set_pop_and_bounds$2(IntVecHiddenTest.java:64)
                \tat org.assertj.core.api.ThrowableAssert.catchThrowable(ThrowableAssert.java:66)
                \t...(78 remaining lines not displayed - this can be changed with Assertions.setMaxStackTraceElementsDisplayed)
                Caused by: java.lang.IllegalStateException: length 1
                \tat submission-main//dev.alloclab.exercises.vec.IntVec.check(IntVec.java:90)
                \tat hidden-suites//dev.alloclab.hidden.vec.IntVecHiddenTest.set_pop_and_bounds(IntVecHiddenTest.java:60)
                \t... 12 more""");
        // WHEN the worker describes it for the feedback
        String described = GradingWorker.describe(failure);
        // THEN what was expected, what came and where the student's code threw stay; the suite's frames are gone
        assertThat(described).isEqualTo("""
                AssertionError: [set(5, 0) on a vec of length 1: an index past the length must throw IndexOutOfBoundsException]\s
                Expecting actual throwable to be an instance of:
                  java.lang.IndexOutOfBoundsException
                but was:
                  java.lang.IllegalArgumentException: set(5): no element 5 in a vec of length 1
                \tat dev.alloclab.exercises.vec.IntVec.set(IntVec.java:64)
                Caused by: java.lang.IllegalStateException: length 1
                \tat dev.alloclab.exercises.vec.IntVec.check(IntVec.java:90)""");
    }

    @Test
    void a_real_assertj_failure_of_a_hidden_style_test_keeps_no_frame_of_the_test() {
        // GIVEN a hidden-style assertThatThrownBy(...).isInstanceOf(...) that sees the wrong exception type
        Throwable failure = catchThrowable(() -> assertThatThrownBy(() -> {
            throw new IllegalArgumentException("set(5): no element 5 in a vec of length 1");
        }).as("set(5, 0) on a vec of length 1").isInstanceOf(IndexOutOfBoundsException.class));
        assertThat(failure.getMessage()).as("AssertJ prints the actual throwable's trace").contains("\tat ");
        // WHEN the worker describes it
        String described = GradingWorker.describe(failure);
        // THEN the test's class and the library's frames are gone, the expected and actual types stay
        assertThat(described).doesNotContain("HiddenFailureFramesTest", "\tat ", "remaining lines")
                .contains("IndexOutOfBoundsException", "IllegalArgumentException: set(5): no element 5 in a vec of length 1");
    }

    @Test
    void a_message_without_frames_is_left_as_it_is() {
        String message = "alloc(24) at step 3 returned 16: look at the split";
        assertThat(FailureFrames.strip(message)).isEqualTo(message);
    }
}
