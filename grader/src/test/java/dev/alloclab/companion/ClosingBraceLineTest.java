package dev.alloclab.companion;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** How coverage's list of lines never run names a line that holds only a closing brace (QA learner26 M3). */
class ClosingBraceLineTest {
    @Test
    void a_brace_that_ends_a_method_is_its_return_and_any_other_ends_a_loop_or_a_block() {
        assertThat(ExerciseCoverage.explained("}", true)).isEqualTo("}   (the end of a method: no call of it got this far)");
        assertThat(ExerciseCoverage.explained("}", false)).startsWith("}   (the end of a loop or a block")
                .doesNotContain("method");
        assertThat(ExerciseCoverage.explained("size <<= 1;", false)).isEqualTo("size <<= 1;");
    }
}
