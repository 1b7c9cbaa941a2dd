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
    void twice_on_a_plain_heap_says_why_it_stops_what_to_run_next_and_exits_1() {
        // GIVEN twice's double free WHEN it runs on the plain heap
        CommandLineRun run = CommandLineRun.of("example", "years", "--strategy", "twice");
        // THEN it stops in round 2, as chapter 3 tells, and says why in the lesson's words: the stray cleanup's
        // dealloc(8) at step 6 freed the block round 2's years lived in
        assertThat(run.exitCode()).as(run.out()).isEqualTo(ExitCodes.CHECK_FAILED);
        assertThat(run.out()).contains("| round 2: the highest year is 5").doesNotContain("| round 3").doesNotContain("| All done!")
                .contains("and then stops:\n  ! dealloc(8): index 8 is not the payload of a live block")
                .contains("  Why it stops here, before \"All done!\": the stray cleanup's dealloc(8) at step 6 freed "
                        + "index 8 a second time, while a newer block lived there; a double free corrupts a plain heap's "
                        + "records (that is the lesson), so a later dealloc fails, far from the bad one.\n")
                // AND it names the run that shows the mistake itself
                .contains("  Next: ./alloclab example years --strategy twice --checked, where the checked heap stops at "
                        + "the first mistake itself and names it.");
    }

    @Test
    void twice_on_the_checked_heap_is_reported_as_a_double_free_and_exits_1() {
        // GIVEN twice's double free WHEN it runs on the checked heap
        CommandLineRun run = CommandLineRun.of("example", "years", "--strategy", "twice", "--checked");
        // THEN both checked heaps report it, and nothing of the plain heap's story is printed
        assertThat(run.exitCode()).isEqualTo(ExitCodes.CHECK_FAILED);
        assertThat(run.out()).contains("double-free: free of heap index 8", "double-free-after-reuse:")
                .doesNotContain("On a plain heap").doesNotContain("Why it stops here").doesNotContain("Next:");
    }

    @Test
    void a_checked_run_alone_points_at_no_chart_since_it_prints_none() {
        // GIVEN the commands docs/mistakes.md gives, which run the checked heap only
        for (String strategy : new String[] {"too-early", "twice"}) {
            // WHEN one runs
            CommandLineRun run = CommandLineRun.of("example", "years", "--strategy", strategy, "--checked");
            // THEN no chart is printed, and no sentence points at one
            assertThat(run.out()).as(strategy).doesNotContain("Bytes the allocator has handed out").doesNotContain("chart above")
                    .contains("Its steps count every heap call, reads and writes too.");
        }
        // AND the demo, which prints the chart before the checked run, still says how the two number their steps
        assertThat(CommandLineRun.of("demo").out()).contains("Bytes the allocator has handed out")
                .contains("reads and writes too;\n  the chart above numbers only the allocs and deallocs.");
    }

    @Test
    void the_demo_explains_the_plain_heaps_stop_but_names_no_next_command_since_the_checked_run_follows() {
        CommandLineRun run = CommandLineRun.of("demo");
        assertThat(run.out()).contains("Why it stops here, before \"All done!\": the stray cleanup's dealloc(8)")
                .doesNotContain("Next: ./alloclab example");
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

    @Test
    void every_strategys_chart_draws_a_byte_count_with_the_same_bar_so_the_charts_compare() {
        // GIVEN the demo's four charts (bars of '#', each line ending with the bytes held)
        CommandLineRun run = CommandLineRun.of("demo");
        java.util.Map<Integer, java.util.Set<Integer>> barsByBytes = new java.util.HashMap<>();
        java.util.regex.Matcher line = java.util.regex.Pattern.compile("(?m)^ +\\d+ +\\S+ +\\S+ +(#*) +(\\d+)$")
                .matcher(run.out());
        while (line.find()) {
            barsByBytes.computeIfAbsent(Integer.parseInt(line.group(2)), b -> new java.util.HashSet<>())
                    .add(line.group(1).length());
        }
        // THEN 20 bytes (every strategy's first alloc) is one bar length in all of them, and 120 bytes a full bar
        assertThat(barsByBytes.get(20)).containsExactly(5);
        assertThat(barsByBytes.get(120)).containsExactly(30);
        assertThat(barsByBytes.values()).allSatisfy(lengths -> assertThat(lengths).hasSize(1));
    }
}
