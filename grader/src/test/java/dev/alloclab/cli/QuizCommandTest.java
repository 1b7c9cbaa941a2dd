package dev.alloclab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.alloclab.companion.quiz.FreeSpaceOps;
import dev.alloclab.companion.quiz.FreeSpaceQuiz;
import dev.alloclab.companion.quiz.FreeSpaceStep;
import dev.alloclab.companion.quiz.Question;
import dev.alloclab.companion.quiz.StackQuiz;
import dev.alloclab.companion.quiz.StrategyQuiz;
import dev.alloclab.companion.quiz.ViolationQuiz;
import dev.alloclab.core.alloc.sim.FitPolicy;
import dev.alloclab.core.alloc.sim.FreeListConfig;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Every quiz kind driven from a script on standard input, with right and with wrong answers. */
class QuizCommandTest {
    private static final String OPS = "+10,+20,-0,+5";

    @Test
    void best_fit_answers_worked_by_hand_from_the_rules() {
        // GIVEN OSTEP's defaults (best fit, address order, no header, heap [1000, 1100))
        // WHEN the answer key is printed
        CommandLineRun run = CommandLineRun.of("quiz", "freespace", "--ops", OPS, "--answers");
        // THEN +10 takes [1000,10), +20 [1010,30), the free of ptr[0] puts [1000,10] back first (address order),
        // and +5 goes to the smallest entry that fits, [1000, 10], leaving [1005, 5] in its place
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("ptr[0] = alloc(10)     returned 1000", "free list: [1010, 90]",
                "free list: [1000, 10] [1030, 70]", "ptr[2] = alloc(5)      returned 1000",
                "free list: [1005, 5] [1030, 70]");
    }

    @Test
    void worst_fit_with_a_header_and_alignment_rounds_first_then_adds_the_header() {
        // GIVEN worst fit, header 4, alignment 4: alloc(5) needs 8 + 4 = 12 bytes
        CommandLineRun run = CommandLineRun.of("quiz", "freespace", "--ops", OPS, "-p", "WORST", "-H", "4", "-a", "4",
                "--answers", "--format", "json");
        // THEN +10 -> 12 + 4 = 16 bytes, +20 -> 24 bytes, and +5 takes the largest entry [1040, 60], not [1000, 16]
        assertThat(run.out()).contains("{\"op\": \"+10\", \"call\": \"ptr[0] = alloc(10)\", \"returned\": 1000, "
                + "\"freeList\": [[1016, 84]]}");
        assertThat(run.out()).contains("{\"op\": \"+5\", \"call\": \"ptr[2] = alloc(5)\", \"returned\": 1040, "
                + "\"freeList\": [[1000, 16], [1052, 48]]}");
    }

    @Test
    void a_learner_who_predicts_every_step_right_scores_full_marks_and_exits_0() {
        // GIVEN the right answers, worked out by the quiz's engine
        FreeSpaceQuiz quiz = FreeSpaceQuiz.play(FreeListConfig.builder().policy(FitPolicy.FIRST).build(),
                FreeSpaceOps.parse(OPS));
        StringBuilder script = new StringBuilder();
        for (FreeSpaceStep step : quiz.steps()) {
            if (step.op().allocation()) {
                script.append(step.returned()).append('\n');
            }
            script.append(step.freeList().stream().map(c -> "[" + c.address() + ", " + c.size() + "]")
                    .collect(Collectors.joining(" "))).append('\n');
        }
        // WHEN they type them in
        CommandLineRun run = ScriptedRun.of(script.toString(), "quiz", "freespace", "--ops", OPS, "-p", "first");
        // THEN every answer is right
        assertThat(run.out()).contains("7 of 7 answers right").doesNotContain("not quite");
        assertThat(run.exitCode()).isZero();
    }

    @Test
    void a_wrong_address_is_explained_with_the_entry_the_policy_chose() {
        // GIVEN a learner who thinks best fit's alloc(5) goes to the big entry at 1030
        String script = "1000\n1010 90\n1010\n1030 70\n1000 10 1030 70\n1030\n";
        // WHEN they answer
        CommandLineRun run = ScriptedRun.of(script, "quiz", "freespace", "--ops", OPS);
        // THEN the last address is wrong, with why: the smallest fitting entry, its position, the split
        assertThat(run.out()).contains("not quite: the answer is 1000.",
                "Best fit takes the smallest of them; on a tie, the earliest in the list. That is [1000, 10] at position 0",
                "the remainder [1005, 5] stays at position 0");
        assertThat(run.out()).contains("5 of 7 answers right (1 not answered)");
        assertThat(run.exitCode()).isEqualTo(ExitCodes.CHECK_FAILED);
    }

    @Test
    void a_wrong_free_list_after_a_free_names_the_order_rule() {
        // GIVEN a learner who puts the freed [1000, 10] at the tail of the list
        String script = "1000\n1010 90\n1010\n1030 70\n1030 70 1000 10\n";
        // WHEN the order is insert-back, that is right
        CommandLineRun back = ScriptedRun.of(script, "quiz", "freespace", "--ops", OPS, "-l", "INSERT-BACK");
        assertThat(back.out()).contains("5 of 7 answers right").doesNotContain("not quite");
        // WHEN the order is insert-front, it is wrong, and the rule is named
        CommandLineRun front = ScriptedRun.of(script, "quiz", "freespace", "--ops", OPS, "-l", "insert-front");
        assertThat(front.out()).contains("not quite: the answer is [1000, 10] [1030, 70].",
                "it goes to the head of the list.", "4 of 7 answers right");
    }

    @Test
    void an_answer_that_is_not_a_list_says_so() {
        CommandLineRun run = ScriptedRun.of("1000\nninety\n", "quiz", "freespace", "--ops", "+10");
        assertThat(run.out()).contains("'ninety' is not a list of address/size pairs.");
    }

    @Test
    void an_answer_that_is_not_a_number_or_a_choice_is_noted_as_not_understood() {
        // GIVEN answers of the wrong form: a word for a stack length, a word and an out-of-range number for a kind
        CommandLineRun stack = ScriptedRun.of("x\n999\n", "quiz", "stack", "--seed", "3");
        CommandLineRun violation = ScriptedRun.of("foo\n9\n", "quiz", "violation", "--seed", "3");
        CommandLineRun address = ScriptedRun.of("banana\n", "quiz", "freespace", "--ops", "+10");
        // THEN each is wrong, with a note saying what form the answer takes; a number of the right form gets none
        assertThat(stack.out()).contains("('x' is not a whole number.)").doesNotContain("'999' is not");
        int kinds = ViolationQuiz.kindChoices().size();
        assertThat(kinds).isLessThan(9);
        assertThat(violation.out()).contains("('foo' is not one of the choices (a number from 1 to " + kinds + ", or its name).)",
                "('9' is not one of the choices");
        assertThat(address.out()).contains("('banana' is not an address (a whole number).)");
        assertThat(stack.exitCode()).isEqualTo(ExitCodes.CHECK_FAILED);
    }

    @Test
    void alignment_zero_is_refused_in_the_words_of_the_docs_and_minus_one_means_none() {
        CommandLineRun zero = CommandLineRun.of("quiz", "freespace", "--align", "0", "--ops", "+5", "--answers");
        assertThat(zero.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(zero.err()).contains("--align 0 is not an alignment. Use a whole number >= 1", "or 1 or -1 for no alignment");
        CommandLineRun none = CommandLineRun.of("quiz", "freespace", "--align", "-1", "--ops", "+5", "--answers",
                "--format", "json");
        CommandLineRun one = CommandLineRun.of("quiz", "freespace", "--align", "1", "--ops", "+5", "--answers",
                "--format", "json");
        assertThat(none.exitCode()).isZero();
        assertThat(none.out()).isEqualTo(one.out());
    }

    @Test
    void a_free_of_an_allocation_that_does_not_exist_yet_is_bad_input() {
        CommandLineRun run = CommandLineRun.of("quiz", "freespace", "--ops", "+10,-1", "--answers");
        assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err()).contains("'-1' frees allocation 1, but only 1 allocation(s)");
    }

    @Test
    void bad_settings_get_a_sentence() {
        assertThat(CommandLineRun.of("quiz", "freespace", "-p", "fastest", "--answers").err())
                .contains("'fastest' is not a fit policy. Use one of: first, best, worst, next.");
        assertThat(CommandLineRun.of("quiz", "freespace", "--ops", "+10,x", "--answers").err())
                .contains("--ops item 2 'x' is not an operation");
        CommandLineRun json = CommandLineRun.of("quiz", "freespace", "--format", "json");
        assertThat(json.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(json.err()).contains("add --answers");
    }

    @Test
    void a_failed_allocation_returns_minus_one_and_freeing_it_returns_minus_one() {
        CommandLineRun run = CommandLineRun.of("quiz", "freespace", "--ops", "+200,-0", "--answers", "--format", "json");
        assertThat(run.out()).contains("{\"op\": \"+200\", \"call\": \"ptr[0] = alloc(200)\", \"returned\": -1, "
                + "\"freeList\": [[1000, 100]]}", "{\"op\": \"-0\", \"call\": \"free(ptr[0])\", \"returned\": -1");
    }

    @Test
    void random_operations_are_the_same_for_the_same_seed_and_differ_for_another() {
        String one = CommandLineRun.of("quiz", "freespace", "--random", "12", "--seed", "7", "--answers").out();
        String again = CommandLineRun.of("quiz", "freespace", "--random", "12", "--seed", "7", "--answers").out();
        String other = CommandLineRun.of("quiz", "freespace", "--random", "12", "--seed", "8", "--answers").out();
        assertThat(one).isEqualTo(again).isNotEqualTo(other).contains(" 12. ");
    }

    // ---------------------------------------------------------------- the other quizzes

    @Test
    void the_strategy_quiz_knows_which_placement_leaks_from_running_it() {
        // THEN the outcomes found by running the worked example match what the text says of each strategy
        assertThat(StrategyQuiz.outcomes()).containsEntry(dev.alloclab.core.examples.DeallocStrategy.AT_END, 0)
                .containsEntry(dev.alloclab.core.examples.DeallocStrategy.AFTER_LAST_USE, 1)
                .containsEntry(dev.alloclab.core.examples.DeallocStrategy.TOO_EARLY, 2)
                .containsEntry(dev.alloclab.core.examples.DeallocStrategy.TWICE, 3);
    }

    @Test
    void every_violation_kind_is_asked_once() {
        List<String> answers = ViolationQuiz.questions(3).stream().map(Question::expected).sorted().toList();
        List<String> kinds = ViolationQuiz.kindChoices();
        assertThat(answers).hasSize(kinds.size());
        for (int i = 0; i < kinds.size(); i++) {
            assertThat(answers).contains((i + 1) + " (" + kinds.get(i) + ")");
        }
    }

    @Test
    void stack_length_returns_to_where_the_frame_started() {
        // GIVEN many random call sequences: each answer is a multiple of 8 (frames are rounded to 8)
        for (long seed = 0; seed < 50; seed++) {
            for (Question q : StackQuiz.questions(8, seed)) {
                assertThat(Integer.parseInt(q.expected()) % 8).as("seed %d: %s", seed, q.expected()).isZero();
            }
        }
    }

    @Test
    void stack_quiz_worked_by_hand_for_one_frame() {
        // GIVEN the first question of seed 0 shows main's and one callee's signature; the layout rule is
        // in the explanation, which states every frame's range; the answer is the end of the top frame
        Question first = StackQuiz.questions(1, 0).get(0);
        assertThat(first.explanation()).contains("stack_length = " + first.expected());
        assertThat(first.shown()).hasSize(2).anyMatch(line -> line.startsWith("call main("));
    }

    @Test
    void every_quiz_kind_scores_right_answers_and_explains_wrong_ones() {
        for (String kind : List.of("strategy", "violation", "stack")) {
            List<Question> questions = switch (kind) {
                case "strategy" -> StrategyQuiz.questions(5);
                case "violation" -> ViolationQuiz.questions(5);
                default -> StackQuiz.questions(6, 5);
            };
            String right = questions.stream().map(q -> q.expected().split(" ")[0]).collect(Collectors.joining("\n"));
            CommandLineRun good = ScriptedRun.of(right + "\n", "quiz", kind, "--seed", "5");
            assertThat(good.out()).as(kind).contains(questions.size() + " of " + questions.size() + " answers right");
            assertThat(good.exitCode()).as(kind).isZero();

            String wrong = "999\n".repeat(questions.size());
            CommandLineRun bad = ScriptedRun.of(wrong, "quiz", kind, "--seed", "5");
            assertThat(bad.out()).as(kind).contains("not quite: the answer is " + questions.get(0).expected(),
                    "0 of " + questions.size() + " answers right");
            assertThat(bad.exitCode()).as(kind).isEqualTo(ExitCodes.CHECK_FAILED);
        }
    }

    @Test
    void a_wrong_violation_answer_shows_the_checked_heaps_report() {
        List<Question> questions = ViolationQuiz.questions(1);
        CommandLineRun run = ScriptedRun.of("leak-of-nothing\n", "quiz", "violation", "--seed", "1");
        assertThat(run.out()).contains("The checked heap's report:", questions.get(0).expected(),
                "(input ended: stopping the quiz here)");
    }

    @Test
    void answers_can_be_typed_as_words() {
        List<Question> questions = StrategyQuiz.questions(2);
        String words = questions.stream().map(q -> q.expected().replaceAll(".*\\((.*)\\)", "$1"))
                .collect(Collectors.joining("\n"));
        CommandLineRun run = ScriptedRun.of(words + "\n", "quiz", "strategy", "--seed", "2");
        assertThat(run.out()).contains(questions.size() + " of " + questions.size());
    }

    @Test
    void the_answer_keys_print_every_answer() {
        for (String kind : List.of("strategy", "violation", "stack")) {
            CommandLineRun run = CommandLineRun.of("quiz", kind, "--answers");
            assertThat(run.exitCode()).isZero();
            assertThat(run.out()).as(kind).contains("question 1:", "answer: ");
        }
    }
}
