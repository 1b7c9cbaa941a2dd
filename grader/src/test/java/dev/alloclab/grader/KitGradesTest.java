package dev.alloclab.grader;

import static org.assertj.core.api.Assertions.assertThat;

import dev.alloclab.grader.rubric.RubricLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The two ends of the scale: the stubs score 0 with every exercise "not started"; the solutions score full. */
class KitGradesTest {
    @Test
    void the_stubs_score_zero_and_every_exercise_is_not_started() {
        // GIVEN the kit's own exercises folder, all stubs
        Path stubs = KitSubmissions.kitFolder("exercises");
        // WHEN it is graded with the default rubric
        GradeReport report = Grader.grade(stubs, RubricLoader.defaultRubric());
        // THEN nothing is earned and each exercise says "not started"
        assertThat(report.score()).isZero();
        assertThat(report.exercises()).allSatisfy(e ->
                assertThat(e.status()).as("%s: %s", e.id(), e.feedback()).isEqualTo(ExerciseGrade.NOT_STARTED));
        // AND the hidden part names the stubs to write in one line instead of repeating the stub's message per test
        assertThat(report.exercises()).allSatisfy(e -> assertThat(e.parts().get(0).details()).as(e.id())
                .singleElement().asString().contains("stop at a stub still to write: ").doesNotContain("failed: "));
        // AND the starter's own files raise no review line (its progress listener uses JUnit's launcher API)
        assertThat(report.exercises()).allSatisfy(e -> assertThat(e.feedback()).as(e.id()).noneMatch(f -> f.startsWith("review:")));
        ExerciseGrade frames = report.exercises().stream().filter(e -> e.id().equals("stack-frames")).findFirst().orElseThrow();
        assertThat(frames.parts().get(0).details().get(0)).contains("FrameStack.push").doesNotContain("round the frame");
        // AND the performance part says the exercise is not started, not that tests "fail" (with their parameter types)
        ExerciseGrade segregated = report.exercises().stream().filter(e -> e.id().equals("segregated-fits")).findFirst()
                .orElseThrow();
        assertThat(segregated.parts()).filteredOn(p -> p.name().equals("performance")).singleElement()
                .extracting(PartGrade::summary)
                .isEqualTo("not measured: the exercise is not started (every hidden test stops at a stub)");
    }

    @Test
    void the_solutions_earn_every_point() {
        // GIVEN the kit's own solutions folder
        Path solutions = KitSubmissions.kitFolder("solutions");
        // WHEN it is graded with the default rubric
        GradeReport report = Grader.grade(solutions, RubricLoader.defaultRubric());
        // THEN every hidden, coverage and performance point is earned
        assertThat(report.score()).as("total").isCloseTo(report.maxScore(), org.assertj.core.api.Assertions.within(1e-6));
        for (ExerciseGrade e : report.exercises()) {
            assertThat(hasStudentTest(solutions, e.id())).as("%s ships an exemplary StudentTest", e.id()).isTrue();
            for (PartGrade p : e.parts()) {
                assertThat(p.score()).as("%s %s: %s %s %s", e.id(), p.name(), p.summary(), p.details(), e.feedback())
                        .isEqualTo(p.maxScore());
            }
        }
    }

    @Test
    void a_rubric_that_gives_hidden_tests_no_points_still_awards_coverage_once_they_pass() {
        // GIVEN a rubric where bump's points are all for coverage (hidden left out: worth 0)
        var rubric = RubricLoader.parse("{\"exercises\": {\"bump\": {\"coverage\": {\"points\": 2, \"line\": 0.7, \"branch\": 0.5}}}}",
                "coverage-only");
        // WHEN the solutions are graded with it
        GradeReport report = Grader.grade(KitSubmissions.kitFolder("solutions"), rubric);
        // THEN the passing hidden tests open the coverage part, and the solution's own tests earn its 2 points
        PartGrade coverage = report.exercises().get(0).parts().stream().filter(p -> p.name().equals("coverage"))
                .findFirst().orElseThrow();
        assertThat(coverage.score()).as("%s %s", coverage.summary(), report.exercises().get(0).feedback()).isEqualTo(2.0);
        assertThat(report.score()).isEqualTo(2.0);
    }

    @Test
    void a_student_who_keeps_the_starters_support_files_keeps_the_coverage_points_unless_one_of_them_is_changed(
            @org.junit.jupiter.api.io.TempDir Path temp) throws Exception {
        // GIVEN the exported starter with bump solved and tested, its support files (a JUnit launcher listener) untouched
        Path starter = temp.resolve("ada");
        dev.alloclab.export.StarterExporter.export(starter, dev.alloclab.export.StarterExporter.DEFAULT_SUBMIT);
        String bump = "dev/alloclab/exercises/bump/";
        Path solutions = KitSubmissions.kitFolder("solutions");
        Files.copy(solutions.resolve("src/main/java/" + bump + "BumpAllocator.java"),
                starter.resolve("src/main/java/" + bump + "BumpAllocator.java"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.copy(solutions.resolve("src/test/java/" + bump + "BumpAllocatorStudentTest.java"),
                starter.resolve("src/test/java/" + bump + "BumpAllocatorStudentTest.java"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        // WHEN it is graded THEN bump earns full marks, review lines nowhere
        ExerciseGrade kept = bumpOf(Grader.grade(starter, KitSubmissions.rubricFor(15, "bump")));
        assertThat(kept.score()).as("%s", kept.feedback()).isEqualTo(kept.maxScore());
        assertThat(kept.feedback()).noneMatch(f -> f.startsWith("review:"));
        // WHEN one line of a support file changes THEN that file is the student's: reviewed, and coverage withheld
        Path listener;
        try (var files = Files.walk(starter.resolve("src/test/java"))) {
            listener = files.filter(f -> f.getFileName().toString().equals("ProgressListener.java")).findFirst().orElseThrow();
        }
        Files.writeString(listener, Files.readString(listener) + "\n// mine now\n");
        ExerciseGrade changed = bumpOf(Grader.grade(starter, KitSubmissions.rubricFor(15, "bump")));
        assertThat(changed.feedback()).anyMatch(f -> f.startsWith("review: ProgressListener.java:"));
        assertThat(changed.parts().get(1).summary()).startsWith("withheld:");
    }

    private static ExerciseGrade bumpOf(GradeReport report) {
        return report.exercises().stream().filter(e -> e.id().equals("bump")).findFirst().orElseThrow();
    }

    private static boolean hasStudentTest(Path solutions, String id) {
        String pkg = dev.alloclab.core.course.Curriculum.named(id).packageName();
        Path dir = solutions.resolve("src/test/java/dev/alloclab/exercises/" + pkg);
        try (var files = Files.list(dir)) {
            return files.anyMatch(f -> f.getFileName().toString().endsWith("StudentTest.java"));
        } catch (java.io.IOException e) {
            return false;
        }
    }
}
