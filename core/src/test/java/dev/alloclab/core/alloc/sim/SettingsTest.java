package dev.alloclab.core.alloc.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Reading policies and orders as learners and OSTEP spell them, and refusing bad settings with a sentence. */
class SettingsTest {

    @ParameterizedTest(name = "''{0}'' is {1}")
    @CsvSource({"best, BEST", "BEST, BEST", "first-fit, FIRST", " worst , WORST", "Next_Fit, NEXT"})
    void a_policy_is_read_in_the_kits_and_in_ostep_spelling(String text, FitPolicy expected) {
        assertThat(FitPolicy.parse(text)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "''{0}'' is {1}")
    @CsvSource({"ADDRSORT, ADDRESS", "address, ADDRESS", "SIZESORT+, SIZE_ASCENDING", "sizesort-, SIZE_DESCENDING",
        "insert-front, INSERT_FRONT", "INSERT-BACK, INSERT_BACK", "size_descending, SIZE_DESCENDING"})
    void an_order_is_read_in_the_kits_and_in_ostep_spelling(String text, ListOrder expected) {
        assertThat(ListOrder.parse(text)).isEqualTo(expected);
    }

    @Test
    void an_unknown_policy_or_order_gets_the_list_of_choices() {
        assertThatThrownBy(() -> FitPolicy.parse("good")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'good' is not a fit policy. Use one of: first, best, worst, next.");
        assertThatThrownBy(() -> FitPolicy.parse(null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ListOrder.parse("random")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("'random' is not a free-list order. Use one of: address (ADDRSORT), "
                        + "size-ascending (SIZESORT+)");
        assertThatThrownBy(() -> ListOrder.parse(null)).isInstanceOf(IllegalArgumentException.class);
        assertThat(ListOrder.SIZE_ASCENDING.ostepName()).isEqualTo("SIZESORT+");
    }

    @Test
    void the_builder_starts_from_osteps_defaults_and_round_trips() {
        FreeListConfig defaults = FreeListConfig.builder().build();
        assertThat(defaults).isEqualTo(new FreeListConfig(FitPolicy.BEST, ListOrder.ADDRESS, false, 0, 1, 1000, 100));
        FreeListConfig custom = defaults.toBuilder().policy(FitPolicy.NEXT).coalescing(true).headerSize(8).build();
        assertThat(custom.toBuilder().build()).isEqualTo(custom);
        assertThat(custom.toString()).isEqualTo("next fit, address order, coalescing on, header 8, alignment 1, heap [1000, 1100)");
    }

    @Test
    void impossible_settings_are_refused_with_the_rule_they_break() {
        assertThatThrownBy(() -> FreeListConfig.builder().alignment(0).build())
                .hasMessage("alignment (1 means no alignment) must be > 0, but was 0");
        assertThatThrownBy(() -> FreeListConfig.builder().headerSize(-1).build())
                .hasMessage("headerSize must be >= 0, but was -1");
        assertThatThrownBy(() -> FreeListConfig.builder().base(Integer.MAX_VALUE).size(10).build())
                .hasMessageContaining("base + size must be at most");
        assertThatThrownBy(() -> FreeListConfig.builder().policy(null).build()).hasMessage("policy must not be null");
    }

    @Test
    void chunks_know_their_ends_and_refuse_to_be_empty() {
        FreeChunk chunk = new FreeChunk(1000, 10);
        assertThat(chunk.end()).isEqualTo(1010);
        assertThat(chunk.contains(1009)).isTrue();
        assertThat(chunk.contains(1010)).isFalse();
        assertThat(chunk.contains(999)).isFalse();
        assertThatThrownBy(() -> new FreeChunk(1000, 0)).hasMessageContaining("needs size > 0");
        assertThat(new AllocatedChunk(1000, 16, 5).end()).isEqualTo(1016);
    }
}
