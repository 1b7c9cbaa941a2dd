package dev.alloclab.grader.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.alloclab.core.KitException;
import org.junit.jupiter.api.Test;

class GradingJvmDidNotStartTest {

    @Test
    void a_grading_jvm_that_exited_at_once_is_blamed_on_the_machine_with_its_status_output_and_heap() {
        // GIVEN a grading JVM that could not reserve its heap and exited with status 1
        GradingJvmDidNotStart e = GradingJvmDidNotStart.because(true, 1,
                "Error occurred during initialization of VM\nCould not reserve enough space for object heap\n", 8192, 30);
        // THEN the sentence says what happened, that the submission is not at fault, and what to check
        assertThat(e).isInstanceOf(KitException.class);
        assertThat(e.getMessage())
                .contains("exited with status 1 before it could run any of the submission's code")
                .contains("Could not reserve enough space for object heap")
                .contains("this machine, not the submission")
                .contains("limits.heapMegabytes (8192 MB)")
                .contains("grade-all grades this submission again by itself on its next run")
                .doesNotContain("internal error");
    }

    @Test
    void a_grading_jvm_that_stayed_silent_is_a_busy_machine_and_an_empty_error_output_is_said_so() {
        // GIVEN a grading JVM still silent after 30 s, having printed nothing
        GradingJvmDidNotStart e = GradingJvmDidNotStart.because(false, 0, "  \n", 512, 30);
        // THEN the sentence names the wait and the likely cause, and says the JVM printed nothing
        assertThat(e.getMessage())
                .contains("did not connect within 30 s")
                .contains("it printed nothing")
                .contains("more --jobs than it has cores")
                .doesNotContain("status");
    }
}
