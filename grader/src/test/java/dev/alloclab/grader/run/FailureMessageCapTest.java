package dev.alloclab.grader.run;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FailureMessageCapTest {

    /** A validation failure as the hidden suites see it: a headline, a heap map with its legend, then the advice. */
    private static String validationFailure(int mapLines) {
        StringBuilder text = new StringBuilder("compiler-like.rep: overlapping payloads at op 7 (trace line 11: a 6 24)\n"
                + "  alloc(24) returned the payload [360, 384), which overlaps the live payload [352, 384) of block 5\n\n"
                + "  heap bytes [328, 388), 1 byte per cell (heap end: 388)\n");
        for (int i = 0; i < mapLines; i++) {
            text.append("  |aaaaaaaaaaaaaaaa........aaaaaaaaXXXXXXXXXXXXXXXXXXXXXXXX....|\n");
        }
        text.append("  a live payload  # this payload  X both  . not a live payload  ~ past the heap's end\n\n");
        text.append("  What to do: a block was handed out twice: check that alloc takes a block off its free list "
                + "before it returns it, and that a split keeps the rest of the block free.\n");
        return text.toString();
    }

    @Test
    void a_long_failure_loses_lines_of_its_heap_map_never_its_advice() {
        // GIVEN a failure over the cap because of its heap map
        String failure = validationFailure(20);
        assertThat(failure.length()).isGreaterThan(GradingWorker.MESSAGE_CAP);
        // WHEN it is described for the report
        String described = GradingWorker.describe(new AssertionError(failure));
        // THEN the headline and the whole advice are there, the cut is marked, and the result stays near the cap
        assertThat(described).startsWith("AssertionError: compiler-like.rep: overlapping payloads at op 7")
                .contains("  ...\n")
                .endsWith("  What to do: a block was handed out twice: check that alloc takes a block off its free list "
                        + "before it returns it, and that a split keeps the rest of the block free.\n");
        assertThat(described.length()).isLessThanOrEqualTo(GradingWorker.MESSAGE_CAP);
        // AND what was cut are whole lines: every line kept is a line of the failure
        for (String line : described.split("\n")) {
            assertThat(line.equals("  ...") || failure.contains(line) || line.startsWith("AssertionError: "))
                    .as(line).isTrue();
        }
    }

    @Test
    void a_short_failure_is_untouched_and_one_without_advice_is_cut_at_the_cap() {
        String failure = validationFailure(1);
        assertThat(GradingWorker.describe(new AssertionError(failure))).isEqualTo("AssertionError: " + failure);
        String plain = "x".repeat(GradingWorker.MESSAGE_CAP + 100);
        assertThat(GradingWorker.capped(plain)).hasSize(GradingWorker.MESSAGE_CAP + 3).endsWith("...");
    }
}
