package dev.alloclab.exercises.stackframes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
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
        assertThat(main).as("where push(12) puts main's frame on an empty stack: at stack_length 0").isZero();
        assertThat(getYears).as("where push(4) puts getYears' frame (main's 12 bytes of locals take a 16-byte frame, "
                + "12 rounded up to 8, so the next frame starts at 16)").isEqualTo(16);
        assertThat(stack.stackLength()).as("stackLength() after push(12) and push(4): frames of 16 and 8 bytes, each "
                + "rounded up to a multiple of 8").isEqualTo(24);
        assertThat(stack.frameCount()).as("frameCount() after two pushes").isEqualTo(2);
        assertThat(stack.topFrameStart()).as("topFrameStart() after push(12) and push(4): getYears' frame, at 16")
                .isEqualTo(16);
        assertThat(stack.topFrameSize()).as("topFrameSize() of getYears' frame: its 4 bytes of locals rounded up to 8")
                .isEqualTo(8);
    }

    @Test
    void returning_moves_stack_length_back_to_where_the_frame_started() {
        // GIVEN two frames
        stack.push(12);
        stack.push(20);
        // WHEN the top one returns
        stack.pop();
        // THEN stack_length is the end of the frame below, which is the top again
        assertThat(stack.stackLength()).as("stackLength() after push(12), push(20) and pop(): back to where the "
                + "popped frame started, the end of the 16-byte frame below").isEqualTo(16);
        assertThat(stack.frameCount()).as("frameCount() after two pushes and one pop").isEqualTo(1);
        assertThat(stack.topFrameStart()).as("topFrameStart() after the pop: the frame below is the top again, at 0")
                .isZero();
    }

    @Test
    void a_local_is_stored_little_endian_at_its_offset_in_the_top_frame() {
        // GIVEN a frame at 8 with room for two i32
        stack.push(8);
        stack.push(8);
        // WHEN the local at offset 4 is written
        stack.writeInt(4, 0x0A0B0C0D);
        // THEN its lowest byte is at frame start + 4 and its highest at + 7
        assertThat(stack.rawByte(12)).as("rawByte(12) after writeInt(4, 0x0A0B0C0D) in the frame at 8: the lowest "
                + "byte, 0x0D, comes first (little-endian), at frame start 8 + offset 4").isEqualTo((byte) 0x0D);
        assertThat(stack.rawByte(15)).as("rawByte(15) after writeInt(4, 0x0A0B0C0D) in the frame at 8: the highest "
                + "byte, 0x0A, comes last, at 8 + 4 + 3").isEqualTo((byte) 0x0A);
        assertThat(stack.readInt(4)).as("readInt(4) after writeInt(4, 0x0A0B0C0D): the 4 bytes assembled lowest "
                + "first give the value back").isEqualTo(0x0A0B0C0D);
        // AND values with bytes of 0x80 or more (1995 is 0x07CB; every negative int) come back whole
        for (int value : new int[] {1995, -1, -2015, 0x80FF7F01}) {
            stack.writeInt(0, value);
            assertThat(stack.readInt(0)).as("readInt(0) after writeInt(0, %d): a Java byte of 0x80 or more is "
                    + "negative, so readInt must mask each byte (b & 0xFF) before shifting it into place, or it spoils "
                    + "the bytes above it", value).isEqualTo(value);
        }
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
        assertThat(stack.readInt(0)).as("readInt(0) in a new frame pushed where a popped frame stored 1995: pop "
                + "erases nothing, so the stale 1995 is still there").isEqualTo(1995);
    }

    @Test
    void a_frame_that_does_not_fit_is_a_stack_overflow_and_changes_nothing() {
        // GIVEN a 32-byte stack with 24 bytes in use
        FrameStack small = new FrameStack(32);
        small.push(20);
        // WHEN a 16-byte frame is pushed
        // THEN it overflows, with a message naming stack_length, and stack_length stays put
        assertThatThrownBy(() -> small.push(16), "push(16) on a 32-byte stack with stack_length 24: 24 + 16 > 32, so "
                + "it must throw FrameStackOverflowException, whose message names stack_length 24")
                .isInstanceOf(FrameStackOverflowException.class).hasMessageContaining("stack_length 24");
        assertThatThrownBy(() -> small.push(9), "push(9) there: the frame is 9 rounded up to 16 bytes, 24 + 16 > 32; "
                + "the exception gets the rounded frame size, so its message says a frame of 16 bytes")
                .isInstanceOf(FrameStackOverflowException.class).hasMessageContaining("a frame of 16 bytes");
        assertThat(small.stackLength()).as("stackLength() after the push that overflowed: a frame that does not fit "
                + "changes nothing (check that it fits before you move stack_length)").isEqualTo(24);
        assertThat(small.frameCount()).as("frameCount() after the push that overflowed: still one frame").isEqualTo(1);
    }

    @Test
    void a_frame_that_ends_exactly_at_the_end_fits_and_a_huge_one_overflows_and_changes_nothing() {
        // GIVEN a 32-byte stack with 16 bytes in use
        FrameStack small = new FrameStack(32);
        small.push(16);
        // WHEN a frame of exactly the 16 bytes left is pushed, THEN it fits: 16 + 16 = 32 is not past the end
        String exactFit = "push(16) on a 32-byte stack with stack_length 16: the frame [16, 32) ends exactly at the "
                + "end, so it fits (compare with >, not >=)";
        int start;
        try {
            start = small.push(16);
        } catch (FrameStackOverflowException refused) {
            throw new AssertionError(exactFit + ", but it threw: " + refused.getMessage(), refused);
        }
        assertThat(start).as(exactFit).isEqualTo(16);
        small.pop();
        // WHEN a frame of Integer.MAX_VALUE bytes is pushed, THEN it overflows and changes nothing
        assertThatThrownBy(() -> small.push(Integer.MAX_VALUE), "push(Integer.MAX_VALUE): rounded up to 8 it is "
                + "2^31, past what an int holds; in int arithmetic it wraps negative and seems to fit. Round and compare "
                + "in long (hint 2), then throw FrameStackOverflowException")
                .isInstanceOf(FrameStackOverflowException.class);
        assertThat(small.stackLength()).as("stackLength() after push(Integer.MAX_VALUE) overflowed").isEqualTo(16);
        assertThat(small.frameCount()).as("frameCount() after push(Integer.MAX_VALUE) overflowed").isEqualTo(1);
    }

    @Test
    void a_local_outside_the_top_frame_is_refused() {
        // GIVEN an 8-byte top frame
        stack.push(16);
        stack.push(8);
        // THEN an i32 at offset 6 would cross its end, and a negative offset reaches the frame below
        assertThatThrownBy(() -> stack.writeInt(6, 1), "writeInt(6, 1) in an 8-byte top frame: bytes 6..9 cross the "
                + "frame's end, so IllegalArgumentException").isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> stack.readInt(-4), "readInt(-4): a negative offset reaches into the frame below, so "
                + "IllegalArgumentException").isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void returning_from_an_empty_stack_is_an_error() {
        assertThat(stack.stackLength()).as("stackLength() of a new stack").isZero();
        assertThatThrownBy(stack::pop, "pop() on an empty stack: no function is running, so IllegalStateException")
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void a_function_without_locals_is_a_frame_of_0_bytes_and_still_a_frame() {
        // GIVEN a stack with main's 16 bytes
        stack.push(16);
        // WHEN a function without locals is called
        int start = stack.push(0);
        // THEN its frame starts at stack_length and takes no bytes, but it is a running function all the same
        assertThat(start).as("push(0) with stack_length 16: the frame starts at 16").isEqualTo(16);
        assertThat(stack.stackLength()).as("stackLength() after push(0): 0 rounded up to a multiple of 8 is 0, so "
                + "still 16").isEqualTo(16);
        assertThat(stack.frameCount()).as("frameCount() after push(16) and push(0): two running functions")
                .isEqualTo(2);
        // AND returning from it, and from main, empties the stack: empty means no frame, not stack_length 0
        stack.pop();
        stack.pop();
        FrameStack fresh = new FrameStack(64);
        fresh.push(0);
        assertThat(fresh.stackLength()).as("stackLength() after push(0) on a new stack").isZero();
        assertThatCode(fresh::pop).as("pop() after push(0) on a new stack: one frame is running, of 0 bytes, so there "
                + "is a frame to pop (the stack is empty when no frame is pushed, not when stack_length is 0)")
                .doesNotThrowAnyException();
        assertThat(fresh.frameCount()).as("frameCount() after push(0) and pop()").isZero();
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
                assertThat(start).as("where push(%d) puts its frame, with running frames of %s bytes: at their sum",
                        call, sizes.toString()).isEqualTo(sizes.stream().mapToInt(Integer::intValue).sum());
                sizes.push((call + 7) / 8 * 8);
            } else if (!sizes.isEmpty()) {
                frames.pop();
                sizes.pop();
            }
            assertThat(frames.stackLength()).as("stackLength() after %s, with running frames of %s bytes (top "
                    + "first): their sum", call > 0 ? "push(" + call + ")" : "pop()", sizes.toString())
                    .isEqualTo(sizes.stream().mapToInt(Integer::intValue).sum());
            assertThat(frames.stackLength() % FrameStack.FRAME_ALIGNMENT).as("stackLength() %% 8 after %s: every "
                    + "frame is rounded up to 8 bytes", call > 0 ? "push(" + call + ")" : "pop()").isZero();
            assertThat(frames.frameCount()).as("frameCount() with %d frames running", sizes.size())
                    .isEqualTo(sizes.size());
        }
    }
}
