package dev.alloclab.companion;

import static org.assertj.core.api.Assertions.assertThat;

import dev.alloclab.companion.CheckResult.Verdict;
import dev.alloclab.core.course.Curriculum;
import dev.alloclab.core.course.Exercise;
import dev.alloclab.core.course.ExerciseProgress;
import java.util.List;
import java.util.stream.IntStream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** The pass rule: every visible test ran and passed; a skipped ("not started") or failed one costs the points. */
class CheckResultTest {
    private static final Exercise BUMP = Curriculum.named("bump");
    private static final Exercise VEC = Curriculum.named("vec");

    @Property(tries = 300)
    void an_exercise_passes_exactly_when_its_tests_ran_and_none_failed_or_was_not_started(
            @ForAll @IntRange(max = 5) int passed, @ForAll @IntRange(max = 5) int failed,
            @ForAll @IntRange(max = 5) int notStarted) {
        CheckResult result = ran(passed, failed, notStarted);
        assertThat(result.passed()).as("%d passed, %d failed, %d not started", passed, failed, notStarted)
                .isEqualTo(passed > 0 && failed == 0 && notStarted == 0);
        assertThat(result.lines().get(0)).startsWith(result.passed() ? "bump: PASS: " : "bump: FAIL: ");
    }

    @Test
    void the_verdict_names_why_it_failed() {
        assertThat(ran(0, 0, 0).verdict()).isEqualTo(Verdict.NO_TESTS);
        assertThat(ran(3, 1, 2).verdict()).isEqualTo(Verdict.FAILS);
        assertThat(ran(0, 0, 4).verdict()).isEqualTo(Verdict.NOT_STARTED);
        assertThat(ran(2, 0, 1).verdict()).isEqualTo(Verdict.NOT_FINISHED);
        assertThat(CheckResult.didNotCompile(BUMP, List.of("x.java:1: ';' expected")).verdict())
                .isEqualTo(Verdict.DOES_NOT_COMPILE);
    }

    @Test
    void a_long_list_of_compile_errors_is_capped_with_how_many_more() {
        // GIVEN 25 compile errors
        List<String> errors = IntStream.rangeClosed(1, 25).mapToObj(i -> "A.java:" + i + ": error " + i).toList();
        // WHEN the report is made
        List<String> lines = CheckResult.didNotCompile(BUMP, errors).lines();
        // THEN the first ten, then how many more, then what to do
        assertThat(lines).contains("  A.java:10: error 10", "  ... and 15 more").doesNotContain("  A.java:11: error 11");
        assertThat(lines.get(lines.size() - 1)).contains("./alloclab check bump");
    }

    @Test
    void not_started_lines_are_listed_without_repeating_not_started() {
        // GIVEN a run whose tests reached an unwritten method
        TestRunResult run = new TestRunResult(java.util.Map.of(BUMP, new ExerciseProgress(BUMP, 1, 0, 2)), List.of(),
                java.util.Map.of(BUMP, List.of("not started: write BumpAllocator.alloc: move the break")), List.of());
        // WHEN it is reported THEN "not finished", and the method under "methods to write"
        List<String> lines = CheckResult.ran(BUMP, run).lines();
        assertThat(lines.get(0)).isEqualTo("bump: FAIL: not finished: 1 of 3 visible tests pass, 2 are still "
                + "\"not started\" (they reach a method that throws NotImplemented).");
        assertThat(lines).containsSubsequence("  methods to write:", "    - BumpAllocator.alloc: move the break");
    }

    @Test
    void the_first_failure_shows_its_whole_report_indented_and_the_others_one_line_each() {
        // GIVEN two failing tests whose message has several lines (a checked heap's report), and a third in one line
        String first = "vec: frees_it(): ViolationException: use-after-free: READ of 4 bytes at heap index 8 8 is the "
                + "start of the 16-byte block #1 [8, 24), which has been freed ... (thrown at IntVec.push (IntVec.java:59))";
        String second = "vec: doubles_it(): ViolationException: use-after-free: READ ... (thrown at IntVec.push (IntVec.java:59))";
        TestRunResult run = new TestRunResult(java.util.Map.of(VEC, new ExerciseProgress(VEC, 1, 3, 0)),
                List.of(first, second, "vec: empty_it(): expected: 0 but was: 8"), java.util.Map.of(), List.of(),
                java.util.Map.of(first, List.of("frees_it(): ViolationException (thrown at IntVec.push (IntVec.java:59)):",
                        "use-after-free: READ of 4 bytes at heap index 8", "  8 is the start of the 16-byte block #1", "",
                        "What to do: the block was still used after dealloc(8) gave it back at step 7."),
                        second, List.of("doubles_it(): ViolationException:", "use-after-free: READ")));
        // WHEN check reports it
        List<String> lines = CheckResult.ran(VEC, run).lines();
        // THEN the first failure's report is whole, each line in its place, and the others keep their one line
        assertThat(lines).containsSubsequence("vec: FAIL: 3 of 4 visible tests fail:",
                "  - frees_it(): ViolationException (thrown at IntVec.push (IntVec.java:59)):",
                "      use-after-free: READ of 4 bytes at heap index 8",
                "        8 is the start of the 16-byte block #1",
                "",
                "      What to do: the block was still used after dealloc(8) gave it back at step 7.",
                "  - doubles_it(): ViolationException: use-after-free: READ ... (thrown at IntVec.push (IntVec.java:59))",
                "  - empty_it(): expected: 0 but was: 8");
        assertThat(lines).noneMatch(line -> line.contains("which has been freed ..."));
    }

    @Test
    void the_report_shown_whole_is_the_kit_s_one_even_when_an_assertion_of_several_lines_comes_first() {
        // GIVEN an AssertJ failure of several lines (description, expected, but was) listed before a checked heap's
        // report, which ends with its advice
        String assertion = "vec: bounds(): [get(1) on a vec of length 1] Expecting code to raise a throwable.";
        String violation = "vec: frees_it(): ViolationException: use-after-free: READ of 16 bytes at heap index 8 ...";
        TestRunResult run = new TestRunResult(java.util.Map.of(VEC, new ExerciseProgress(VEC, 4, 2, 0)),
                List.of(assertion, violation), java.util.Map.of(), List.of(),
                java.util.Map.of(assertion, List.of("bounds():", "[get(1) on a vec of length 1]",
                        "Expecting code to raise a throwable."),
                        violation, List.of("frees_it(): ViolationException (thrown at IntVec.push (IntVec.java:61)):",
                                "use-after-free: READ of 16 bytes at heap index 8", "",
                                "What to do: Move dealloc(8) after the last use of the block.")));
        // WHEN check reports it
        List<String> lines = CheckResult.ran(VEC, run).lines();
        // THEN the checked heap's report is the one shown whole, first, and the assertion keeps its one line after it
        assertThat(lines).containsSubsequence("vec: FAIL: 2 of 6 visible tests fail:",
                "  - frees_it(): ViolationException (thrown at IntVec.push (IntVec.java:61)):",
                "      What to do: Move dealloc(8) after the last use of the block.",
                "  - bounds(): [get(1) on a vec of length 1] Expecting code to raise a throwable.");
    }

    private static CheckResult ran(int passed, int failed, int notStarted) {
        return new CheckResult(BUMP, List.of(), new ExerciseProgress(BUMP, passed, failed, notStarted), List.of(),
                List.of(), List.of(), List.of(), List.of());
    }
}
