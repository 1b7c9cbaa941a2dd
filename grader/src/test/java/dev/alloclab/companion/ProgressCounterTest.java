package dev.alloclab.companion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import org.junit.jupiter.api.Test;

/** The one line the failing-tests list of {@code progress} shows for a failure. */
class ProgressCounterTest {

    @Test
    void an_assertj_label_line_is_joined_with_the_values_under_it() {
        // GIVEN AssertJ's failure for a test that expected one exception and got another
        Throwable failure = catchThrowable(() -> assertThatThrownBy(() -> {
            throw new IllegalArgumentException("negative size");
        }).isInstanceOf(IllegalStateException.class));
        // WHEN progress shortens it to one line
        String line = ProgressCounter.firstLine(failure);
        // THEN the line says what was expected and what was thrown, without the stack trace
        assertThat(line).startsWith("Expecting actual throwable to be an instance of: java.lang.IllegalStateException")
                .contains("but was: java.lang.IllegalArgumentException: negative size")
                .doesNotContain("\n").doesNotContain(" at ").doesNotContain("remaining lines");
    }

    @Test
    void a_message_assertion_stops_before_the_stack_trace_that_follows_the_blank_line() {
        Throwable failure = catchThrowable(() -> assertThatThrownBy(() -> {
            throw new IllegalStateException("stack is empty");
        }).hasMessageContaining("pop"));
        assertThat(ProgressCounter.firstLine(failure))
                .isEqualTo("Expecting throwable message: \"stack is empty\" to contain: \"pop\" but did not.");
    }

    @Test
    void a_headline_message_keeps_only_its_first_line_and_a_long_one_is_cut() {
        assertThat(ProgressCounter.firstLine(new AssertionError("use-after-free: READ of 4 bytes at heap index 76\n"
                + "  76 is 12 bytes into the 20-byte block [64, 84)"))).isEqualTo("use-after-free: READ of 4 bytes at heap index 76");
        assertThat(ProgressCounter.firstLine(new AssertionError("x".repeat(500))))
                .hasSize(ProgressCounter.MAX_LINE).endsWith("...");
        assertThat(ProgressCounter.firstLine(new NullPointerException())).isEqualTo("NullPointerException");
    }
}
