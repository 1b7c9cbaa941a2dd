package dev.alloclab.exercises.stackframes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/** Visible tests of the frame stack. Instructions: docs/exercises/stack-frames.md. */
class FrameStackTest {
    private final FrameStack stack = new FrameStack(64);

    @Test
    void frames_lie_end_to_end_and_stack_length_counts_their_bytes() {
        // GIVEN an empty stack
        // WHEN main (12 bytes of locals) calls getYears (4 bytes of locals)
        int main = stack.push(12);
        int getYears = stack.push(4);
        // THEN each frame is rounded up to 8 bytes and starts where the one below ends
        assertThat(main).isZero();
        assertThat(getYears).isEqualTo(16);
        assertThat(stack.stackLength()).isEqualTo(24);
        assertThat(stack.frameCount()).isEqualTo(2);
        assertThat(stack.topFrameStart()).isEqualTo(16);
        assertThat(stack.topFrameSize()).isEqualTo(8);
    }

    @Test
    void returning_moves_stack_length_back_to_where_the_frame_started() {
        // GIVEN two frames
        stack.push(12);
        stack.push(20);
        // WHEN the top one returns
        stack.pop();
        // THEN stack_length is the end of the frame below, which is the top again
        assertThat(stack.stackLength()).isEqualTo(16);
        assertThat(stack.frameCount()).isEqualTo(1);
        assertThat(stack.topFrameStart()).isZero();
    }

    @Test
    void a_local_is_stored_little_endian_at_its_offset_in_the_top_frame() {
        // GIVEN a frame at 8 with room for two i32
        stack.push(8);
        stack.push(8);
        // WHEN the local at offset 4 is written
        stack.writeInt(4, 0x0A0B0C0D);
        // THEN its lowest byte is at frame start + 4 and its highest at + 7
        assertThat(stack.rawByte(12)).isEqualTo((byte) 0x0D);
        assertThat(stack.rawByte(15)).isEqualTo((byte) 0x0A);
        assertThat(stack.readInt(4)).isEqualTo(0x0A0B0C0D);
    }

    @Test
    void popped_bytes_are_not_erased_the_next_frame_sees_them() {
        // GIVEN a function that stored 1995 in its local and returned
        stack.push(8);
        stack.writeInt(0, 1995);
        stack.pop();
        // WHEN another function is called in the same place
        stack.push(8);
        // THEN its uninitialised local holds the stale 1995: why reading past stack_length is a bug
        assertThat(stack.readInt(0)).isEqualTo(1995);
    }

    @Test
    void a_frame_that_does_not_fit_is_a_stack_overflow_and_changes_nothing() {
        // GIVEN a 32-byte stack with 24 bytes in use
        FrameStack small = new FrameStack(32);
        small.push(20);
        // WHEN a 16-byte frame is pushed
        // THEN it overflows, with a message naming stack_length, and stack_length stays put
        assertThatThrownBy(() -> small.push(16)).isInstanceOf(FrameStackOverflowException.class)
                .hasMessageContaining("stack_length 24");
        assertThat(small.stackLength()).isEqualTo(24);
        assertThat(small.frameCount()).isEqualTo(1);
    }

    @Test
    void a_local_outside_the_top_frame_is_refused() {
        // GIVEN an 8-byte top frame
        stack.push(16);
        stack.push(8);
        // THEN an i32 at offset 6 would cross its end, and a negative offset reaches the frame below
        assertThatThrownBy(() -> stack.writeInt(6, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> stack.readInt(-4)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void returning_from_an_empty_stack_is_an_error() {
        assertThat(stack.stackLength()).isZero();
        assertThatThrownBy(stack::pop).isInstanceOf(IllegalStateException.class);
    }

    /** Positive n pushes a frame of n bytes of locals, 0 pops (if there is a frame). */
    @Property(tries = 300)
    void stack_length_is_always_the_sum_of_the_running_frames(
            @ForAll @Size(max = 40) List<@IntRange(min = 0, max = 40) Integer> calls) {
        FrameStack frames = new FrameStack(4096);
        Deque<Integer> sizes = new ArrayDeque<>();
        for (int call : calls) {
            if (call > 0) {
                int start = frames.push(call);
                assertThat(start).isEqualTo(sizes.stream().mapToInt(Integer::intValue).sum());
                sizes.push((call + 7) / 8 * 8);
            } else if (!sizes.isEmpty()) {
                frames.pop();
                sizes.pop();
            }
            assertThat(frames.stackLength()).isEqualTo(sizes.stream().mapToInt(Integer::intValue).sum());
            assertThat(frames.stackLength() % FrameStack.FRAME_ALIGNMENT).isZero();
            assertThat(frames.frameCount()).isEqualTo(sizes.size());
        }
    }
}
