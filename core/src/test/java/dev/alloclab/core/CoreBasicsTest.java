package dev.alloclab.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
