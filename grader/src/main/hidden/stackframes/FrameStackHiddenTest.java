package dev.alloclab.hidden.stackframes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.alloclab.exercises.stackframes.FrameStack;
import dev.alloclab.exercises.stackframes.FrameStackOverflowException;
import org.junit.jupiter.api.Test;

class FrameStackHiddenTest {
    @Test
    void push_places_frames_end_to_end_rounded_to_8() {
        FrameStack stack = new FrameStack(128);
        assertThat(stack.stackLength()).as("stackLength() of a new stack").isZero();
        assertThat(stack.push(5)).as("frame start returned by the first push(5): the first frame starts at 0")
                .isEqualTo(0);
        assertThat(stack.stackLength()).as("stackLength() after push(5): a frame's size is its locals rounded up "
                + "to a multiple of 8").isEqualTo(8);
        assertThat(stack.push(16)).as("frame start returned by push(16) after push(5): the 8-byte frame before it "
                + "ends at 8").isEqualTo(8);
        assertThat(stack.push(17)).as("frame start returned by push(17) after push(5), push(16): frames of 8 and 16 "
                + "bytes lie before it").isEqualTo(24);
        assertThat(stack.stackLength()).as("stackLength() after push(5), push(16), push(17): frames of 8 + 16 + 24 "
                + "bytes (17 rounded up to 24)").isEqualTo(48);
        assertThat(stack.frameCount()).as("frameCount() after three pushes").isEqualTo(3);
        assertThat(stack.topFrameStart()).as("topFrameStart() after push(5), push(16), push(17): where the frame "
                + "of push(17) starts").isEqualTo(24);
        assertThat(stack.topFrameSize()).as("topFrameSize() after push(17): 17 rounded up to a multiple of 8")
                .isEqualTo(24);
    }

    @Test
    void pop_returns_to_the_previous_frame_and_keeps_stale_bytes() {
        FrameStack stack = new FrameStack(64);
        stack.push(8);
        stack.push(8);
        stack.writeInt(4, 0x01020304);
        stack.pop();
        assertThat(stack.stackLength()).as("stackLength() after push(8), push(8), pop(): back to the end of the "
                + "first frame").isEqualTo(8);
        assertThat(stack.frameCount()).as("frameCount() after push(8), push(8), pop()").isEqualTo(1);
        assertThat(stack.topFrameStart()).as("topFrameStart() after push(8), push(8), pop(): the first frame, at 0, "
                + "is the top again").isZero();
        assertThat(stack.rawByte(12)).as("rawByte(12) after writeInt(4, 0x01020304) in the second frame (at 8) and "
                + "pop(): pop only moves the stack's end, the popped frame's bytes stay (low byte 0x04 first, "
                + "little-endian)").isEqualTo((byte) 0x04);
        stack.pop();
        assertThat(stack.stackLength()).as("stackLength() after popping both frames").isZero();
        assertThatThrownBy(stack::pop, "pop() on an empty stack must throw IllegalStateException")
                .isInstanceOf(IllegalStateException.class);
        // a function without locals: push(0) is a frame of 0 bytes (0 is a multiple of 8), and it can be popped
        assertThat(stack.push(0)).as("frame start of push(0) on an empty stack").isZero();
        assertThat(stack.stackLength()).as("stackLength() after push(0): 0 rounded up to a multiple of 8 is 0").isZero();
        assertThat(stack.frameCount()).as("frameCount() after push(0): a frame of 0 bytes is still a frame").isEqualTo(1);
        assertThatCode(stack::pop).as("pop() after push(0) on an empty stack: one frame is running, of 0 bytes, so "
                + "there is a frame to pop (the stack is empty when no frame is pushed, not when stack_length is 0)")
                .doesNotThrowAnyException();
        assertThat(stack.frameCount()).as("frameCount() after push(0) and pop(): the stack is empty when no frame is "
                + "pushed, not when stack_length is 0").isZero();
    }

    @Test
    void locals_are_little_endian_at_the_top_frame() {
        FrameStack stack = new FrameStack(64);
        stack.push(8);
        stack.push(8);
        stack.writeInt(0, 0xCAFEBABE);
        String raw = "rawByte(%d) after writeInt(0, 0xCAFEBABE) in the top frame (it starts at 8): offsets count "
                + "from the top frame's start, and an int is stored little-endian (BE BA FE CA)";
        assertThat(stack.rawByte(8)).as(raw, 8).isEqualTo((byte) 0xBE);
        assertThat(stack.rawByte(9)).as(raw, 9).isEqualTo((byte) 0xBA);
        assertThat(stack.rawByte(10)).as(raw, 10).isEqualTo((byte) 0xFE);
        assertThat(stack.rawByte(11)).as(raw, 11).isEqualTo((byte) 0xCA);
        assertThat(stack.readInt(0)).as("readInt(0) after writeInt(0, 0xCAFEBABE)").isEqualTo(0xCAFEBABE);
        stack.writeInt(4, -7);
        assertThat(stack.readInt(4)).as("readInt(4) after writeInt(4, -7): negative values too").isEqualTo(-7);
    }

    @Test
    void an_access_outside_the_top_frame_is_refused() {
        FrameStack stack = new FrameStack(64);
        stack.push(8);
        stack.push(8);
        assertThatThrownBy(() -> stack.writeInt(5, 1), "writeInt(5, 1) in a top frame of 8 bytes: bytes 5..8 do not "
                + "fit, so it must throw IllegalArgumentException").isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> stack.readInt(-4), "readInt(-4): a negative offset lies in the frame below, so it "
                + "must throw IllegalArgumentException").isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> stack.readInt(8), "readInt(8) in a top frame of 8 bytes: past its end, so it must "
                + "throw IllegalArgumentException").isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void a_frame_that_does_not_fit_overflows_and_changes_nothing() {
        FrameStack stack = new FrameStack(32);
        stack.push(16);
        assertThatThrownBy(() -> stack.push(17), "push(17) on a stack of 32 bytes holding a 16-byte frame: 24 more "
                + "bytes do not fit, so it must throw FrameStackOverflowException")
                .isInstanceOf(FrameStackOverflowException.class);
        assertThat(stack.stackLength()).as("stackLength() after the overflowing push(17): a refused push changes "
                + "nothing").isEqualTo(16);
        assertThat(stack.frameCount()).as("frameCount() after the overflowing push(17): a refused push changes "
                + "nothing").isEqualTo(1);
        assertThat(stack.push(16)).as("frame start of push(16) on a stack of 32 bytes holding a 16-byte frame: it "
                + "fits exactly, at 16").isEqualTo(16);
        assertThat(stack.stackLength()).as("stackLength() after filling the 32-byte stack exactly").isEqualTo(32);
        stack.pop();
        for (int huge : new int[] {Integer.MAX_VALUE, Integer.MAX_VALUE - 7, Integer.MAX_VALUE - 8}) {
            assertThatThrownBy(() -> stack.push(huge), "push(%d) on a stack of 32 bytes: rounded up to 8 it passes "
                    + "Integer.MAX_VALUE; in int arithmetic it wraps to a negative frame that seems to fit. Round in "
                    + "long ((n + 7L) / 8 * 8) and it must throw FrameStackOverflowException", huge)
                    .isInstanceOf(FrameStackOverflowException.class);
            assertThat(stack.stackLength()).as("stackLength() after the overflowing push(%d): a refused push changes "
                    + "nothing", huge).isEqualTo(16);
            assertThat(stack.frameCount()).as("frameCount() after the overflowing push(%d)", huge).isEqualTo(1);
        }
    }

    @Test
    void many_calls_and_returns_keep_stack_length_consistent() {
        FrameStack stack = new FrameStack(4096);
        int[] starts = new int[50];
        int length = 0;
        for (int i = 0; i < 50; i++) {
            starts[i] = stack.push(i + 1);
            assertThat(starts[i]).as("frame start returned by push(%d) in the run push(1), push(2), ..., push(50): "
                    + "each frame starts where the previous one ends (sizes rounded up to 8)", i + 1).isEqualTo(length);
            length += (i + 1 + 7) & ~7;
            stack.writeInt(0, i);
        }
        for (int i = 49; i >= 0; i--) {
            assertThat(stack.readInt(0)).as("readInt(0) in the frame of push(%d), back on top after the frames above "
                    + "it were popped: its local must still hold %d", i + 1, i).isEqualTo(i);
            assertThat(stack.topFrameStart()).as("topFrameStart() when the frame of push(%d) is on top again", i + 1)
                    .isEqualTo(starts[i]);
            stack.pop();
            assertThat(stack.stackLength()).as("stackLength() after popping the frame of push(%d): back to where it "
                    + "started", i + 1).isEqualTo(starts[i]);
        }
    }
}
