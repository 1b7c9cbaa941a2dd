package dev.alloclab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WorkedExampleCommandsTest {

    @Test
    void the_demo_plays_all_four_strategies_and_shows_both_reports() {
        CommandLineRun run = CommandLineRun.of("demo");
        assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(run.out())
                .contains("== at-end:", "== after-last-use:", "== too-early:", "== twice:")
                .contains("round 1: the highest year is 5")
                .contains("use-after-free: READ of 4 bytes at heap index")
                .contains("double-free: free of heap index")
                .contains("double-free-after-reuse:")
                .contains("allocated by", "freed by")
                .contains("All done!")
                .contains("peak 120 bytes");
    }

    @Test
    void one_strategy_on_the_checked_heap_exits_1_when_it_catches_a_mistake() {
        CommandLineRun tooEarly = CommandLineRun.of("example", "years", "--strategy", "too-early", "--checked");
        assertThat(tooEarly.exitCode()).isEqualTo(ExitCodes.CHECK_FAILED);
        assertThat(tooEarly.out()).contains("use-after-free").doesNotContain("On a plain heap");

        CommandLineRun optimal = CommandLineRun.of("example", "years", "--strategy", "after-last-use", "--checked");
        assertThat(optimal.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(optimal.out()).contains("no mistakes, nothing leaked");
    }

    @Test
    void on_a_plain_heap_the_example_shows_the_wrong_answer_and_exits_0() {
        CommandLineRun run = CommandLineRun.of("example", "years", "--strategy", "too-early");
        assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(run.out()).contains("the highest year is 5").contains("<- wrong");
    }

    @Test
    void bad_names_get_a_sentence_and_exit_2() {
        CommandLineRun badStrategy = CommandLineRun.of("example", "years", "--strategy", "never");
        assertThat(badStrategy.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(badStrategy.err()).contains("there is no strategy 'never'").contains("at-end, after-last-use")
                .doesNotContain("Exception").doesNotContain("DeallocStrategy");

        CommandLineRun badExample = CommandLineRun.of("example", "cats", "--strategy", "at-end");
        assertThat(badExample.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(badExample.err()).contains("there is no example 'cats'");

        CommandLineRun unknown = CommandLineRun.of("dmeo");
        assertThat(unknown.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(unknown.err()).contains("Try 'alloclab --help'");
    }

    @Test
    void list_names_the_registered_allocators() {
        CommandLineRun run = CommandLineRun.of("list");
        assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(run.out()).contains("first-fit").contains("implicit");
        assertThat(run.out()).contains("1. stack-frames").contains("docs/exercises/");
    }
}
