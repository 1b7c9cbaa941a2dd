package dev.alloclab.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class CoreBasicsTest {

    @Test
    void not_implemented_says_which_method_to_write_and_is_found_in_a_cause_chain() {
        NotImplemented marker = NotImplemented.yet("BumpAllocator.alloc: hand out the next aligned index");
        assertThat(marker.whatToWrite()).isEqualTo("BumpAllocator.alloc: hand out the next aligned index");
        assertThat(marker).hasMessage("not implemented yet: BumpAllocator.alloc: hand out the next aligned index");
        assertThat(NotImplemented.isCauseOf(new RuntimeException("wrapper", marker))).isTrue();
        assertThat(NotImplemented.isCauseOf(new RuntimeException("plain"))).isFalse();
        assertThat(NotImplemented.isCauseOf(null)).isFalse();
        assertThatThrownBy(() -> NotImplemented.yet(" ")).hasMessageContaining("whatToWrite must not be blank");
    }

    /** An exception from a student's code whose causes form a ring, or whose getCause and getMessage throw. */
    private static final class Ring extends RuntimeException {
        private Ring other;
        private final boolean hostile;

        Ring(Ring other, boolean hostile) {
            super("ring");
            this.other = other;
            this.hostile = hostile;
        }

        @Override
        public synchronized Throwable getCause() {
            if (hostile && other == null) {
                throw new IllegalStateException("no cause for you");
            }
            return other;
        }
    }

    @Test
    void a_ring_of_causes_or_a_throwing_get_cause_ends_the_search_instead_of_hanging_the_grader() {
        // GIVEN two exceptions that name each other as cause, and one whose getCause throws
        Ring first = new Ring(null, false);
        Ring second = new Ring(first, false);
        first.other = second;
        // THEN the search visits each once and answers; the ring holds no marker
        assertThat(NotImplemented.isCauseOf(first)).isFalse();
        assertThat(NotImplemented.isCauseOf(new Ring(null, true))).isFalse();
        // AND a marker behind a wrapper is still found
        assertThat(NotImplemented.isCauseOf(new RuntimeException("wrapper", NotImplemented.yet("X.y: do it")))).isTrue();
    }

    @Test
    void a_stub_caught_by_assertjs_thrown_by_assertion_is_found_in_the_assertions_message() {
        // GIVEN a visible test that expects pop() on an empty stack to throw IllegalStateException,
        // run while pop() is still a stub: AssertJ fails and prints the marker, keeping no cause
        Throwable failure = catchThrowable(() -> assertThatThrownBy(() -> {
            throw NotImplemented.yet("FrameStack.pop: move stack_length back to the top frame's start");
        }).isInstanceOf(IllegalStateException.class));
        assertThat(failure).isInstanceOf(AssertionError.class).hasNoCause()
                .hasMessageContaining("Expecting actual throwable to be an instance of");
        // WHEN the "not started" rule looks for a marker
        // THEN it finds the stub's line: the test is "not started", not "failed"
        assertThat(NotImplemented.foundIn(failure)).get().extracting(NotImplemented::whatToWrite)
                .isEqualTo("FrameStack.pop: move stack_length back to the top frame's start");
        assertThat(NotImplemented.isCauseOf(failure)).isTrue();
    }

    @Test
    void a_stub_behind_an_assertjs_message_assertion_or_junits_assert_throws_is_found_too() {
        // GIVEN a stub under hasMessageContaining (the marker is printed after "Throwable that failed the
        // check:") and under JUnit's assertThrows (which keeps it as the cause)
        Throwable byMessage = catchThrowable(() -> assertThatThrownBy(() -> {
            throw NotImplemented.yet("IntVec.get: read element i");
        }).hasMessageContaining("out of range"));
        Throwable byJUnit = catchThrowable(() -> assertThrows(IllegalStateException.class, () -> {
            throw NotImplemented.yet("IntVec.push: append one element");
        }));
        // THEN both name the method to write
        assertThat(NotImplemented.foundIn(byMessage)).get().extracting(NotImplemented::whatToWrite)
                .isEqualTo("IntVec.get: read element i");
        assertThat(NotImplemented.foundIn(byJUnit)).get().extracting(NotImplemented::whatToWrite)
                .isEqualTo("IntVec.push: append one element");
    }

    @Test
    void an_assertion_about_a_real_exception_is_a_real_failure() {
        // GIVEN code the student wrote, which throws the wrong exception
        Throwable failure = catchThrowable(() -> assertThatThrownBy(() -> {
            throw new IllegalArgumentException("negative size");
        }).isInstanceOf(IllegalStateException.class));
        // THEN no marker is found: the test failed
        assertThat(NotImplemented.foundIn(failure)).isEmpty();
        // AND a marker's class name in something that is no assertion is not taken for one
        assertThat(NotImplemented.foundIn(new IllegalStateException(
                NotImplemented.class.getName() + ": not implemented yet: X.y"))).isEmpty();
    }

    @Test
    void checks_return_their_argument_or_name_the_rule_that_was_broken() {
        assertThat(Checks.positive(3, "size")).isEqualTo(3);
        assertThat(Checks.notNegative(0, "index")).isZero();
        assertThat(Checks.notNull("x", "name")).isEqualTo("x");
        assertThatThrownBy(() -> Checks.positive(0, "size")).hasMessage("size must be > 0, but was 0");
        assertThatThrownBy(() -> Checks.notNegative(-1, "index")).hasMessage("index must be >= 0, but was -1");
        assertThatThrownBy(() -> Checks.notNull(null, "heap")).hasMessage("heap must not be null");
        assertThatThrownBy(() -> Checks.notBlank(null, "name")).hasMessage("name must not be blank");
    }

    @Test
    void alignment_helpers_round_up_to_powers_of_two() {
        assertThat(Checks.alignUp(0, 8)).isZero();
        assertThat(Checks.alignUp(1, 8)).isEqualTo(8);
        assertThat(Checks.alignUp(8, 8)).isEqualTo(8);
        assertThat(Checks.alignUp(9, 16)).isEqualTo(16);
        assertThat(Checks.isAligned(24, 8)).isTrue();
        assertThat(Checks.isAligned(20, 8)).isFalse();
    }

    @Test
    void kit_exceptions_keep_their_message_and_cause() {
        IllegalStateException cause = new IllegalStateException("root");
        KitException e = new KitException("what went wrong", cause);
        assertThat(e).hasMessage("what went wrong").hasCause(cause);
    }
}
