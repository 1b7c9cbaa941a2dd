package dev.alloclab.hidden.stackframes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.alloclab.exercises.stackframes.FrameStack;
import dev.alloclab.exercises.stackframes.FrameStackOverflowException;
import org.junit.jupiter.api.Test;

class FrameStackHiddenTest {
    @Test
    void push_places_frames_end_to_end_rounded_to_8() {
        FrameStack stack = new FrameStack(128);
        assertThat(stack.stackLength()).isZero();
        assertThat(stack.push(5)).isEqualTo(0);
        assertThat(stack.stackLength()).isEqualTo(8);
        assertThat(stack.push(16)).isEqualTo(8);
        assertThat(stack.push(17)).isEqualTo(24);
        assertThat(stack.stackLength()).isEqualTo(48);
        assertThat(stack.frameCount()).isEqualTo(3);
        assertThat(stack.topFrameStart()).isEqualTo(24);
        assertThat(stack.topFrameSize()).isEqualTo(24);
    }

    @Test
    void pop_returns_to_the_previous_frame_and_keeps_stale_bytes() {
        FrameStack stack = new FrameStack(64);
        stack.push(8);
        stack.push(8);
        stack.writeInt(4, 0x01020304);
        stack.pop();
        assertThat(stack.stackLength()).isEqualTo(8);
        assertThat(stack.frameCount()).isEqualTo(1);
        assertThat(stack.topFrameStart()).isZero();
        assertThat(stack.rawByte(12)).isEqualTo((byte) 0x04);
        stack.pop();
        assertThat(stack.stackLength()).isZero();
        assertThatThrownBy(stack::pop).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void locals_are_little_endian_at_the_top_frame() {
        FrameStack stack = new FrameStack(64);
        stack.push(8);
        stack.push(8);
        stack.writeInt(0, 0xCAFEBABE);
        assertThat(stack.rawByte(8)).isEqualTo((byte) 0xBE);
        assertThat(stack.rawByte(9)).isEqualTo((byte) 0xBA);
        assertThat(stack.rawByte(10)).isEqualTo((byte) 0xFE);
        assertThat(stack.rawByte(11)).isEqualTo((byte) 0xCA);
        assertThat(stack.readInt(0)).isEqualTo(0xCAFEBABE);
        stack.writeInt(4, -7);
        assertThat(stack.readInt(4)).isEqualTo(-7);
    }

    @Test
    void an_access_outside_the_top_frame_is_refused() {
        FrameStack stack = new FrameStack(64);
        stack.push(8);
        stack.push(8);
        assertThatThrownBy(() -> stack.writeInt(5, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> stack.readInt(-4)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> stack.readInt(8)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void a_frame_that_does_not_fit_overflows_and_changes_nothing() {
        FrameStack stack = new FrameStack(32);
        stack.push(16);
        assertThatThrownBy(() -> stack.push(17)).isInstanceOf(FrameStackOverflowException.class);
        assertThat(stack.stackLength()).isEqualTo(16);
        assertThat(stack.frameCount()).isEqualTo(1);
        assertThat(stack.push(16)).isEqualTo(16);
        assertThat(stack.stackLength()).isEqualTo(32);
    }

    @Test
    void many_calls_and_returns_keep_stack_length_consistent() {
        FrameStack stack = new FrameStack(4096);
        int[] starts = new int[50];
        int length = 0;
        for (int i = 0; i < 50; i++) {
            starts[i] = stack.push(i + 1);
            assertThat(starts[i]).isEqualTo(length);
            length += (i + 1 + 7) & ~7;
            stack.writeInt(0, i);
        }
        for (int i = 49; i >= 0; i--) {
            assertThat(stack.readInt(0)).isEqualTo(i);
            assertThat(stack.topFrameStart()).isEqualTo(starts[i]);
            stack.pop();
            assertThat(stack.stackLength()).isEqualTo(starts[i]);
        }
    }
}
