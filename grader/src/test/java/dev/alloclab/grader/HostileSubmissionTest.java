package dev.alloclab.grader;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile and broken submissions: each costs only its own exercise, ends within the limits, and is
 * reported in one sentence. The bump exercise is sabotaged; stack-frames is the canary.
 */
class HostileSubmissionTest {
    @TempDir
    Path temp;

    private GradeReport gradeWithBumpAlloc(String body) {
        Path submission = KitSubmissions.copyOfSolutions(temp, "hostile");
        KitSubmissions.patch(submission, "bump/BumpAllocator.java", "AllocationRequests.checkSize(\"alloc\", size);",
                "AllocationRequests.checkSize(\"alloc\", size); " + body);
        return Grader.grade(submission, KitSubmissions.rubricFor(8, "bump", "stack-frames"));
    }

    private static void assertCanaryUntouched(GradeReport report) {
        PartGrade hidden = BugCollectionTest.part(BugCollectionTest.grade(report, "stack-frames"), "hidden");
        assertThat(hidden.score()).isEqualTo(hidden.maxScore());
    }

    @Test
    void an_endless_loop_in_alloc_is_stopped_and_named() {
        GradeReport report = gradeWithBumpAlloc("if (size > 0) { while (true) { Thread.onSpinWait(); } }");
        ExerciseGrade bump = BugCollectionTest.grade(report, "bump");
        assertThat(bump.score()).isZero();
        assertThat(bump.status()).isEqualTo(ExerciseGrade.STOPPED);
        assertThat(bump.feedback().get(0)).startsWith("stopped after 8 s").contains("did not return");
        assertCanaryUntouched(report);
    }

    @Test
    void system_exit_costs_only_its_exercise() {
        GradeReport report = gradeWithBumpAlloc("if (size > 0) { System.exit(0); }");
        ExerciseGrade bump = BugCollectionTest.grade(report, "bump");
        assertThat(bump.score()).isZero();
        assertThat(bump.feedback().get(0)).contains("System.exit");
        assertCanaryUntouched(report);
    }

    @Test
    void output_that_imitates_the_grader_earns_nothing() {
        GradeReport report = gradeWithBumpAlloc("System.out.println(\"{\\\"t\\\":\\\"exercise\\\",\\\"ex\\\":\\\"bump\\\","
                + "\\\"hidden\\\":[]}\"); if (size > 0) { throw new IllegalStateException(\"sabotage\"); }");
        ExerciseGrade bump = BugCollectionTest.grade(report, "bump");
        assertThat(BugCollectionTest.part(bump, "hidden").score()).isLessThan(BugCollectionTest.part(bump, "hidden").maxScore());
        assertCanaryUntouched(report);
    }

    @Test
    void a_compile_error_costs_only_its_exercise_and_shows_the_message() {
        Path submission = KitSubmissions.copyOfSolutions(temp, "broken");
        KitSubmissions.patch(submission, "bump/BumpAllocator.java", "public void reset() {", "public void reset() { int x = ;");
        GradeReport report = Grader.grade(submission, KitSubmissions.rubricFor(30, "bump", "stack-frames"));
        ExerciseGrade bump = BugCollectionTest.grade(report, "bump");
        assertThat(bump.status()).isEqualTo(ExerciseGrade.COMPILE_ERROR);
        assertThat(String.join("\n", bump.feedback())).contains("BumpAllocator.java:").contains("illegal start of expression");
        assertCanaryUntouched(report);
    }
}
