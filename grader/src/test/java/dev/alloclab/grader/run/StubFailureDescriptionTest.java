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
}
