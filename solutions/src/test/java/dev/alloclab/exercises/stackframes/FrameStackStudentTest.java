package dev.alloclab.exercises.stackframes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** An exemplary student test file: each test pins one thing the frame stack promises. */
class FrameStackStudentTest {
    @Test
    void a_frame_of_zero_locals_takes_no_bytes_but_still_counts_as_a_frame() {
        FrameStack stack = new FrameStack(16);
        assertThat(stack.push(0)).isZero();
        assertThat(stack.frameCount()).isEqualTo(1);
        assertThat(stack.stackLength()).isZero();
        assertThat(stack.topFrameSize()).isZero();
    }

    @Test
    void a_frame_that_fills_the_stack_exactly_fits_and_one_more_byte_overflows() {
        // GIVEN a 16-byte stack
        FrameStack stack = new FrameStack(16);
        // WHEN a 16-byte frame is pushed, THEN it fits to the last byte
        assertThat(stack.push(16)).isZero();
        assertThat(stack.stackLength()).isEqualTo(stack.capacity());
        // AND the smallest further frame overflows
        assertThatThrownBy(() -> stack.push(1)).isInstanceOf(FrameStackOverflowException.class);
    }

    @Test
    void many_nested_calls_keep_their_starts_in_order() {
        // GIVEN a deep recursion of 8-byte frames (more frames than a small initial table holds)
        FrameStack stack = new FrameStack(8 * 100);
        for (int depth = 0; depth < 100; depth++) {
            assertThat(stack.push(8)).as("frame %d", depth).isEqualTo(8 * depth);
        }
        // WHEN they all return
        for (int depth = 99; depth >= 0; depth--) {
            assertThat(stack.topFrameStart()).isEqualTo(8 * depth);
            stack.pop();
        }
        // THEN the stack is empty again
        assertThat(stack.stackLength()).isZero();
        assertThat(stack.frameCount()).isZero();
    }

    @Test
    void locals_are_little_endian_and_negative_values_round_trip() {
        FrameStack stack = new FrameStack(32);
        stack.push(8);
        stack.writeInt(0, -2);
        assertThat(stack.rawByte(0)).isEqualTo((byte) 0xFE);
        assertThat(stack.rawByte(3)).isEqualTo((byte) 0xFF);
        assertThat(stack.readInt(0)).isEqualTo(-2);
    }

    @Test
    void touching_locals_with_no_running_function_is_refused() {
        FrameStack stack = new FrameStack(32);
        assertThatThrownBy(() -> stack.readInt(0)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> stack.writeInt(0, 1)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(stack::topFrameStart).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void raw_bytes_outside_the_stack_are_refused_with_the_allowed_range() {
        FrameStack stack = new FrameStack(8);
        assertThatThrownBy(() -> stack.rawByte(8)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("0 <= index < 8");
        assertThatThrownBy(() -> stack.rawByte(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void the_overflow_message_names_the_frame_and_the_room_left() {
        FrameStack stack = new FrameStack(24);
        stack.push(16);
        assertThatThrownBy(() -> stack.push(9)).isInstanceOf(FrameStackOverflowException.class)
                .hasMessageContaining("16").hasMessageContaining("24");
    }
}
