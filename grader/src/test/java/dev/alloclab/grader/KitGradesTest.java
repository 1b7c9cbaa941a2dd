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
        ExerciseGrade frames = report.exercises().stream().filter(e -> e.id().equals("stack-frames")).findFirst().orElseThrow();
        assertThat(frames.parts().get(0).details().get(0)).contains("FrameStack.push").doesNotContain("round the frame");
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
