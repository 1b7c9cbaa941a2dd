package dev.alloclab.exercises.stackframes;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Your own tests of {@link FrameStack}. Add a test for each case you want to be sure of; the
 * grader measures how much of your class they cover. One to start from:
 */
class FrameStackStudentTest {
    @Test
    void the_first_frame_starts_at_zero() {
        FrameStack stack = new FrameStack(32);
        assertThat(stack.push(4)).isZero();
    }
}
