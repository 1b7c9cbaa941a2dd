package dev.alloclab.companion.quiz;

import static org.assertj.core.api.Assertions.assertThat;

import dev.alloclab.core.alloc.ReferenceAllocator;
import dev.alloclab.core.check.CheckedHeap;
import dev.alloclab.core.examples.DeallocStrategy;
import dev.alloclab.core.examples.ExampleRun;
import dev.alloclab.core.examples.WorkedExample;
import dev.alloclab.core.memory.HeapBytes;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The strategy quiz's words agree with chapter 3 and the checked heap: "leak" means a block still
 * allocated when the program ends, so a placement that frees everything at the end is not a leak.
 */
class StrategyQuizTest {
    @Test
    void freeing_everything_at_the_end_is_answered_holds_too_long_not_leak() {
        // GIVEN the at-end placement, run to its end on the checked heap
        CheckedHeap heap = CheckedHeap.over(ReferenceAllocator.firstFit(HeapBytes.withMax(4096)));
        ExampleRun run = WorkedExample.run(DeallocStrategy.AT_END, heap);
        assertThat(run.finished()).isTrue();
        assertThat(run.finalLiveBytes()).as("bytes still allocated when the program ends").isZero();
        // WHEN the quiz classifies it
        String answer = StrategyQuiz.OUTCOMES.get(StrategyQuiz.outcomes().get(DeallocStrategy.AT_END));
        // THEN it holds too long, and no answer of the quiz calls it a leak
        assertThat(answer).isEqualTo("holds-too-long");
        assertThat(StrategyQuiz.OUTCOMES).doesNotContain("leak");
    }

    @Test
    void the_question_for_the_at_end_placement_expects_holds_too_long_and_accepts_the_word() {
        // GIVEN every question of one seed
        List<Question> questions = StrategyQuiz.questions(2);
        // THEN the at-end placement's question expects "holds-too-long", typed as a number or a word
        Question atEnd = questions.stream().filter(q -> q.explanation().contains("'at-end'")).findFirst().orElseThrow();
        assertThat(atEnd.expected()).isEqualTo("1 (holds-too-long)");
        assertThat(atEnd.accepts().test("holds-too-long")).isTrue();
        assertThat(atEnd.accepts().test("1")).isTrue();
        assertThat(atEnd.accepts().test("leak")).isFalse();
        assertThat(atEnd.shown()).noneMatch(line -> line.matches("\\d+\\. leak.*"));
    }

    @Test
    void each_answer_points_at_the_page_that_shows_its_checked_run() {
        // GIVEN every question of one seed
        List<Question> questions = StrategyQuiz.questions(2);
        // THEN the mistakes point at docs/mistakes.md, where their --checked reports are
        for (String mistake : List.of("'too-early'", "'twice'")) {
            Question q = questions.stream().filter(x -> x.explanation().contains(mistake)).findFirst().orElseThrow();
            assertThat(q.explanation()).as(mistake).contains("--checked (docs/mistakes.md shows its report)");
        }
        // AND the sound placements say the checked heap finds nothing, and where their run is shown
        for (String sound : List.of("'at-end'", "'after-last-use'")) {
            Question q = questions.stream().filter(x -> x.explanation().contains(sound)).findFirst().orElseThrow();
            assertThat(q.explanation()).as(sound).contains("the checked heap finds no mistake; "
                    + "docs/03-when-to-dealloc.md shows its memory over time").doesNotContain("mistakes.md");
        }
    }
}
