package dev.alloclab.companion.quiz;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The stack quiz's explanation states a layout rule and prints every frame; a learner who follows the rule
 * by hand must get the quiz's answer. These tests redo the layout from the printed sizes with the rule as
 * chapter 1 states it, independently of core's {@code StackMemory}.
 */
class StackQuizTest {
    private static final Pattern FRAME = Pattern.compile("^  (\\w+) \\[(\\d+), (\\d+)\\): (.*)$");
    private static final Pattern LOCAL = Pattern.compile("(\\w+) at (\\d+) \\((\\d+) B, aligned to (\\d+)\\)");

    /** The rule of chapter 1: the size rounded up to a power of two, at most 8. */
    static int ruleAlignment(int size) {
        int power = 1;
        while (power < size && power < 8) {
            power *= 2;
        }
        return power;
    }

    static int alignUp(int value, int to) {
        return (value + to - 1) / to * to;
    }

    @Test
    void following_the_stated_rule_by_hand_gives_the_quizs_answer_for_every_seed() {
        // GIVEN many random call sequences, with byte arrays of 1..12 bytes among the locals
        int frames = 0;
        for (long seed = 0; seed < 200; seed++) {
            for (Question question : StackQuiz.questions(8, seed)) {
                // WHEN the explanation's frames are laid out again with the rule it states
                String explanation = question.explanation();
                assertThat(explanation).startsWith(StackQuiz.RULE);
                int stackLength = 0;
                for (String line : explanation.lines().toList()) {
                    Matcher frame = FRAME.matcher(line);
                    if (!frame.matches()) {
                        continue;
                    }
                    frames++;
                    int start = Integer.parseInt(frame.group(2));
                    assertThat(start).as("seed %d: %s starts where the frame below ended", seed, line).isEqualTo(stackLength);
                    int next = start;
                    Matcher local = LOCAL.matcher(frame.group(4));
                    List<String> seen = new ArrayList<>();
                    while (local.find()) {
                        int at = Integer.parseInt(local.group(2));
                        int size = Integer.parseInt(local.group(3));
                        int aligned = Integer.parseInt(local.group(4));
                        // THEN each local's printed alignment is the rule's, and it sits at the next such offset
                        assertThat(aligned).as("seed %d: alignment of %s", seed, local.group()).isEqualTo(ruleAlignment(size));
                        assertThat(at).as("seed %d: offset of %s", seed, local.group()).isEqualTo(alignUp(next, aligned));
                        next = at + size;
                        seen.add(local.group(1));
                    }
                    assertThat(seen).as("seed %d: locals of %s", seed, line).isNotEmpty();
                    stackLength = start + alignUp(next - start, 8);
                    assertThat(Integer.parseInt(frame.group(3))).as("seed %d: end of %s", seed, line).isEqualTo(stackLength);
                }
                // THEN the top frame's end is the answer the quiz expects
                assertThat(question.expected()).as("seed %d", seed).isEqualTo(String.valueOf(stackLength));
            }
        }
        assertThat(frames).isGreaterThan(1000);
    }

    @Test
    void a_byte_array_of_seven_is_aligned_to_eight_as_the_rule_says() {
        // GIVEN seed 25: main(i32 a, byte[7] b, i64 c), getYears(i32 a, i32 b, i64 c), getYears(i64 a, byte[7] b).
        // Worked by hand: main [0, 24) (b at 8, c at 16), getYears [24, 40), the inner getYears puts a at 40 and
        // b at 48 (7 rounds up to 8, not "a multiple of 7" = 49), ends at 55, rounded to 56.
        Question second = StackQuiz.questions(2, 25).get(1);
        // THEN the explanation shows the byte[7] after the i64, at a multiple of 8, and the answer is 56
        assertThat(second.explanation()).contains("b at 48 (7 B, aligned to 8)");
        assertThat(second.expected()).isEqualTo("56");
    }
}
