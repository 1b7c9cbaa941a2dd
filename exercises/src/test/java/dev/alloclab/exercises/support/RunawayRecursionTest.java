package dev.alloclab.exercises.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A stack overflow in the student's code, as {@code mvn test} reports it: a sentence and the student's frames. */
class RunawayRecursionTest {
    private static final String NODES = "dev.alloclab.exercises.refcount.RefCountedNodes";

    /** The stack of a recursive {@code release} that ran out while the checked heap was writing down a call site. */
    private static StackOverflowError overflowInRelease(int depth) {
        List<StackTraceElement> frames = new ArrayList<>();
        frames.add(new StackTraceElement("java.lang.StackWalker", "walk", "StackWalker.java", 499));
        frames.add(new StackTraceElement("dev.alloclab.core.check.CheckedHeap", "site", "CheckedHeap.java", 267));
        frames.add(new StackTraceElement(NODES, "release", "RefCountedNodes.java", 54));
        for (int i = 1; i < depth; i++) {
            frames.add(new StackTraceElement(NODES, "release", "RefCountedNodes.java", 56));
        }
        frames.add(new StackTraceElement(NODES + "Test", "a_long_chain_is_released", "RefCountedNodesTest.java", 168));
        StackOverflowError overflow = new StackOverflowError();
        overflow.setStackTrace(frames.toArray(StackTraceElement[]::new));
        return overflow;
    }

    @Test
    void an_overflow_in_the_students_code_names_its_frames_and_the_cure_and_keeps_a_short_trace_of_them() {
        // GIVEN a StackOverflowError whose first frames are the kit's and whose next 1,000 are a recursive release
        StackOverflowError overflow = overflowInRelease(1000);
        // WHEN it is told
        Optional<AssertionError> told = RunawayRecursion.from(overflow);
        // THEN the failure names the student's method and how much of the stack it fills, and says what to do; its
        // trace holds the student's frames only, a dozen of them, the first where the stack ran out
        assertThat(told).isPresent();
        assertThat(told.get().getMessage()).startsWith("StackOverflowError in your code: RefCountedNodes.release is "
                + "1000 of the 1001 frames the trace kept from there down.\n")
                .contains("walk it with a loop instead");
        // AND when the stack ran out in a helper the recursive method calls, the sentence still names the recursion
        StackOverflowError inHelper = overflowInRelease(1000);
        List<StackTraceElement> frames = new ArrayList<>(List.of(inHelper.getStackTrace()));
        frames.add(2, new StackTraceElement(NODES, "count", "RefCountedNodes.java", 31));
        inHelper.setStackTrace(frames.toArray(StackTraceElement[]::new));
        assertThat(RunawayRecursion.from(inHelper).orElseThrow().getMessage())
                .startsWith("StackOverflowError in your code: RefCountedNodes.release is 1000 of the 1002 frames");
        // AND a trace that is the method and nothing else (the JVM keeps its first 1,024 frames) says so
        StackOverflowError only = overflowInRelease(5);
        only.setStackTrace(java.util.Arrays.copyOfRange(only.getStackTrace(), 2, 7));
        assertThat(RunawayRecursion.from(only).orElseThrow().getMessage())
                .startsWith("StackOverflowError in your code: RefCountedNodes.release calls itself over and over: it is "
                        + "every one of the 5 frames the trace kept from there down.\n");
        assertThat(told.get().getStackTrace()).hasSize(RunawayRecursion.FRAMES_KEPT)
                .allMatch(frame -> frame.getClassName().equals(NODES));
        assertThat(told.get().getStackTrace()[0].getLineNumber()).isEqualTo(54);
    }

    @Test
    void an_overflow_with_no_frame_of_the_students_code_and_any_other_failure_are_left_alone() {
        // GIVEN a test's own runaway recursion (no frame of the student's main code), and an ordinary failure
        StackOverflowError own = new StackOverflowError();
        own.setStackTrace(new StackTraceElement[] {
            new StackTraceElement(NODES + "Test", "helper", "RefCountedNodesTest.java", 12)});
        // THEN neither is told differently
        assertThat(RunawayRecursion.from(own)).isEmpty();
        assertThat(RunawayRecursion.from(new IllegalStateException("bad index"))).isEmpty();
        assertThat(RunawayRecursion.from(new AssertionError("expected 8"))).isEmpty();
    }
}
