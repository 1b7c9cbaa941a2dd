package dev.alloclab.core.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class StackMemoryTest {

    @Test
    void a_call_pushes_a_frame_at_stack_length_and_the_return_moves_it_back() {
        // GIVEN an empty stack
        StackMemory stack = StackMemory.withCapacity(256);
        assertThat(stack.stackLength()).isZero();
        // WHEN main calls getYears
        StackFrame main = stack.push("main", Local.bytes("years", 12), Local.i32("highest"));
        StackFrame getYears = stack.push("getYears", Local.i32("i"));
        // THEN each frame starts where stack_length was, rounded to 8 bytes
        assertThat(main.start()).isZero();
        assertThat(main.size()).isEqualTo(16);
        assertThat(getYears.start()).isEqualTo(16);
        assertThat(stack.stackLength()).isEqualTo(24);
        assertThat(stack.top()).isSameAs(getYears);
        assertThat(stack.frames()).containsExactly(main, getYears);
        // AND returning from getYears gives its bytes back with one subtraction
        stack.pop(getYears);
        assertThat(stack.stackLength()).isEqualTo(16);
        assertThat(getYears.isPopped()).isTrue();
    }

    @Test
    void locals_are_aligned_to_their_size() {
        StackMemory stack = StackMemory.withCapacity(64);
        StackFrame frame = stack.push("f", Local.bytes("flag", 1), Local.i32("n"), Local.i64("total"),
                Local.bytes("rgb", 3));
        assertThat(frame.offsetOf("flag")).isZero();
        assertThat(frame.offsetOf("n")).isEqualTo(4);
        assertThat(frame.offsetOf("total")).isEqualTo(8);
        assertThat(frame.offsetOf("rgb")).isEqualTo(16);
        assertThat(frame.size()).isEqualTo(24);
        assertThat(frame.locals()).containsKeys("flag", "n", "total", "rgb");
        assertThat(frame.indexOf("total")).isEqualTo(8);
        assertThat(frame.function()).isEqualTo("f");
        assertThat(frame).hasToString("f [0, 24)");
    }

    @Test
    void locals_keep_their_values_and_are_stored_little_endian() {
        StackMemory stack = StackMemory.withCapacity(64);
        StackFrame frame = stack.push("main", Local.i32("year"), Local.i64("big"));
        frame.writeInt("year", 2015);
        frame.writeLong("big", -2L);
        assertThat(frame.readInt("year")).isEqualTo(2015);
        assertThat(frame.readLong("big")).isEqualTo(-2L);
        assertThat(stack.rawByte(0)).isEqualTo((byte) (2015 & 0xFF));
        assertThat(stack.readInt(frame.indexOf("year"))).isEqualTo(2015);
    }

    @Test
    void a_popped_frames_bytes_stay_until_overwritten_but_cannot_be_read_through_the_model() {
        StackMemory stack = StackMemory.withCapacity(64);
        StackFrame callee = stack.push("callee", Local.i32("x"));
        callee.writeInt("x", 99);
        stack.pop(callee);
        // the byte is still there (stale), which is why reading it is forbidden
        assertThat(stack.rawByte(0)).isEqualTo((byte) 99);
        assertThatThrownBy(() -> callee.readInt("x")).hasMessageContaining("was popped");
        assertThatThrownBy(() -> stack.readInt(0)).hasMessageContaining("no frame is running (stack_length 0)");
    }

    @Test
    void a_frame_that_does_not_fit_is_a_stack_overflow_with_the_sizes() {
        StackMemory stack = StackMemory.withCapacity(32);
        stack.push("main", Local.bytes("buffer", 24));
        assertThatThrownBy(() -> stack.push("recurse", Local.i64("depth"), Local.i64("more")))
                .isInstanceOf(StackOverflowInModelException.class)
                .hasMessageStartingWith("stack overflow: pushing the frame of recurse (16 bytes) at stack_length 24")
                .hasMessageContaining("the stack holds 32");
        assertThat(stack.stackLength()).isEqualTo(24);
    }

    @Test
    void frames_come_off_in_reverse_order() {
        StackMemory stack = StackMemory.withCapacity(64);
        StackFrame first = stack.push("first", Local.i32("a"));
        stack.push("second", Local.i32("b"));
        assertThatThrownBy(() -> stack.pop(first)).hasMessageContaining("only the top frame");
        StackMemory empty = StackMemory.withCapacity(8);
        assertThatThrownBy(empty::top).hasMessageContaining("stack is empty");
        assertThatThrownBy(() -> empty.pop(first)).hasMessageContaining("pushed on another StackMemory");
    }

    @Test
    void a_frame_returns_exactly_once() {
        StackMemory stack = StackMemory.withCapacity(64);
        stack.push("main", Local.i32("x"));
        StackFrame f = stack.push("f", Local.i32("y"));
        stack.pop(f);
        int afterReturn = stack.stackLength();
        assertThatThrownBy(() -> stack.pop(f)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("f has returned already; a frame returns exactly once");
        assertThat(stack.stackLength()).as("nothing moved").isEqualTo(afterReturn).isPositive();
        StackFrame g = stack.push("g", Local.i32("y"));
        assertThatThrownBy(() -> g.readInt("y", -1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("field -1 of local 'y' of g").hasMessageContaining("must be >= 0");
    }

    @Test
    void bad_declarations_are_refused_with_a_sentence() {
        StackMemory stack = StackMemory.withCapacity(64);
        assertThatThrownBy(() -> stack.push("f", Local.i32("x"), Local.i32("x")))
                .hasMessageContaining("declares local 'x' twice");
        StackFrame frame = stack.push("g", Local.bytes("small", 2));
        assertThatThrownBy(() -> frame.readInt("small")).hasMessageContaining("too small for a 4-byte value");
        assertThatThrownBy(() -> frame.offsetOf("nope")).hasMessageContaining("has no local 'nope'");
        assertThatThrownBy(() -> Local.bytes("empty", 0)).hasMessageContaining("must be > 0");
        assertThatThrownBy(() -> stack.rawByte(64)).hasMessageContaining("expected: 0 <= index < 64");
        assertThatThrownBy(() -> StackMemory.withCapacity(0)).hasMessageContaining("capacityBytes must be > 0");
    }

    @Property(tries = 200)
    void stack_length_is_the_sum_of_the_running_frames(
            @ForAll @Size(min = 1, max = 12) List<@IntRange(min = 1, max = 40) Integer> localSizes) {
        StackMemory stack = StackMemory.withCapacity(1 << 12);
        int expected = 0;
        for (int i = 0; i < localSizes.size(); i++) {
            StackFrame frame = stack.push("f" + i, Local.bytes("local", localSizes.get(i)));
            assertThat(frame.start()).isEqualTo(expected);
            expected += frame.size();
            assertThat(frame.size() % 8).isZero();
            assertThat(frame.size()).isBetween(localSizes.get(i), localSizes.get(i) + 7);
        }
        assertThat(stack.stackLength()).isEqualTo(expected);
        List<StackFrame> bottomFirst = stack.frames();
        for (int i = bottomFirst.size() - 1; i >= 0; i--) {
            StackFrame frame = bottomFirst.get(i);
            stack.pop(frame);
            assertThat(stack.stackLength()).isEqualTo(frame.start());
        }
        assertThat(stack.stackLength()).isZero();
    }
}
