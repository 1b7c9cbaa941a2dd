package dev.alloclab.core.course;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.alloclab.core.KitException;
import dev.alloclab.core.course.ExerciseProgress.Status;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProgressReportTest {
    private static final Exercise STACK = Curriculum.named("stack-frames");
    private static final Exercise BUMP = Curriculum.named("bump");

    @Test
    void status_is_not_started_until_a_test_passes_or_fails_and_done_when_all_pass() {
        assertThat(new ExerciseProgress(BUMP, 0, 0, 5).status()).isEqualTo(Status.NOT_STARTED);
        assertThat(ExerciseProgress.none(BUMP).status()).isEqualTo(Status.NOT_STARTED);
        assertThat(new ExerciseProgress(BUMP, 1, 0, 4).status()).isEqualTo(Status.IN_PROGRESS);
        assertThat(new ExerciseProgress(BUMP, 0, 1, 4).status()).isEqualTo(Status.IN_PROGRESS);
        assertThat(new ExerciseProgress(BUMP, 4, 1, 0).status()).isEqualTo(Status.IN_PROGRESS);
        assertThat(new ExerciseProgress(BUMP, 5, 0, 0).status()).isEqualTo(Status.DONE);
        assertThat(ExerciseProgress.none(BUMP).plusPassed().plusFailed().plusNotStarted().total()).isEqualTo(3);
        assertThat(Status.IN_PROGRESS.key()).isEqualTo("in-progress");
    }

    @Test
    void the_table_lists_every_exercise_and_points_at_the_first_one_not_done() {
        Map<Exercise, ExerciseProgress> counted = new LinkedHashMap<>();
        counted.put(STACK, new ExerciseProgress(STACK, 7, 0, 0));
        counted.put(BUMP, new ExerciseProgress(BUMP, 2, 1, 3));
        ProgressReport report = ProgressReport.ofCurriculum(counted);

        String table = report.table();
        assertThat(report.exercises()).hasSize(Curriculum.exercises().size());
        assertThat(table).contains("stack-frames     done").contains("bump             in progress  2 / 1 / 3")
                .contains("refcount         not started  0 / 0 / 0").contains("1 of 9 exercises done.")
                .contains("next: bump \u2014 docs/exercises/bump.md");
        assertThat(report.next()).contains(BUMP);
    }

    @Test
    void when_everything_is_done_there_is_no_next_exercise() {
        Map<Exercise, ExerciseProgress> counted = new LinkedHashMap<>();
        Curriculum.exercises().forEach(e -> counted.put(e, new ExerciseProgress(e, 1, 0, 0)));
        ProgressReport report = ProgressReport.ofCurriculum(counted);
        assertThat(report.next()).isEmpty();
        assertThat(report.table()).contains("next: nothing left");
        assertThat(report.toJson()).contains("\"next\": null");
    }

    @Test
    void a_filtered_run_where_every_exercise_that_ran_is_done_does_not_claim_everything_is_done() {
        // GIVEN a filtered run (mvn test -Dtest=BumpAllocator*) in which only bump ran, and passed
        ProgressReport report = ProgressReport.of(java.util.List.of(new ExerciseProgress(BUMP, 7, 0, 0)));
        // WHEN its table is printed
        String table = report.filteredTable();
        // THEN it counts only the exercises above and sends the student to a whole run for "next"
        assertThat(table).contains("bump             done").contains("1 of the 1 exercises above done.")
                .contains("next: unknown from a filtered run").doesNotContain("every exercise is done")
                .doesNotContain("stack-frames");
    }

    @Test
    void a_filtered_run_names_the_first_exercise_of_its_table_that_is_not_done() {
        ProgressReport report = ProgressReport.of(java.util.List.of(new ExerciseProgress(STACK, 7, 0, 0),
                new ExerciseProgress(BUMP, 2, 1, 3)));
        assertThat(report.filteredTable()).contains("1 of the 2 exercises above done.")
                .contains("first not done above: bump \u2014 docs/exercises/bump.md");
    }

    @Test
    void the_json_summary_reads_back_to_the_same_counts() {
        ProgressReport report = ProgressReport.of(java.util.List.of(new ExerciseProgress(STACK, 7, 0, 0),
                new ExerciseProgress(BUMP, 2, 1, 3)));
        ProgressReport read = ProgressReport.fromJson(report.toJson());
        assertThat(read.exercises()).containsExactlyElementsOf(report.exercises());
        assertThat(report.toJson()).contains("\"status\": \"in-progress\"").contains("\"next\": \"bump\"");
    }

    @Test
    void a_summary_without_entries_or_with_an_unknown_exercise_is_refused_with_a_sentence() {
        assertThatThrownBy(() -> ProgressReport.fromJson("{}")).isInstanceOf(KitException.class)
                .hasMessageContaining("holds no exercise entries");
        assertThatThrownBy(() -> ProgressReport.fromJson(
                "{\"id\": \"malloc\", \"status\": \"done\", \"passed\": 1, \"failed\": 0, \"notStarted\": 0}"))
                .isInstanceOf(KitException.class).hasMessageContaining("no exercise 'malloc'");
    }

    @Test
    void stubs_must_leave_every_exercise_not_started_and_solutions_must_finish_every_one(@TempDir Path dir)
            throws IOException {
        Map<Exercise, ExerciseProgress> stubs = new LinkedHashMap<>();
        Map<Exercise, ExerciseProgress> solutions = new LinkedHashMap<>();
        Curriculum.exercises().forEach(e -> stubs.put(e, new ExerciseProgress(e, 0, 0, 3)));
        Curriculum.exercises().forEach(e -> solutions.put(e, new ExerciseProgress(e, 3, 0, 0)));
        Path stubFile = Files.writeString(dir.resolve("stubs.json"), ProgressReport.ofCurriculum(stubs).toJson());
        Path solutionFile = Files.writeString(dir.resolve("solutions.json"), ProgressReport.ofCurriculum(solutions).toJson());

        ProgressExpectation.check(stubFile, ProgressExpectation.parse("not-started"));
        ProgressExpectation.check(solutionFile, ProgressExpectation.parse("done"));
        ProgressExpectation.main(new String[] {solutionFile.toString(), "done"});

        assertThatThrownBy(() -> ProgressExpectation.check(stubFile, ProgressExpectation.DONE))
                .isInstanceOf(KitException.class).hasMessageContaining("exercise bump is not started (0 failed, 3 skipped)");
        assertThatThrownBy(() -> ProgressExpectation.check(solutionFile, ProgressExpectation.NOT_STARTED))
                .isInstanceOf(KitException.class).hasMessageContaining("exercise vec is done (3 passed, 0 failed)");
    }

    @Test
    void an_exercise_without_tests_breaks_both_expectations(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("p.json"), ProgressReport.ofCurriculum(Map.of(
                STACK, new ExerciseProgress(STACK, 0, 0, 2))).toJson());
        assertThat(ProgressExpectation.NOT_STARTED.problems(ProgressReport.fromJson(Files.readString(file))))
                .contains("exercise bump has no visible tests at all");
        assertThat(ProgressExpectation.DONE.problems(ProgressReport.fromJson(Files.readString(file))))
                .contains("exercise bump has no visible tests at all");
    }

    @Test
    void bad_arguments_and_missing_files_are_sentences() {
        assertThatThrownBy(() -> ProgressExpectation.parse("green")).isInstanceOf(KitException.class)
                .hasMessageContaining("'not-started' (stubs) or 'done' (solutions)");
        assertThatThrownBy(() -> ProgressExpectation.main(new String[0])).isInstanceOf(KitException.class)
                .hasMessageStartingWith("usage:");
        assertThatThrownBy(() -> ProgressExpectation.check(Path.of("no/such/file.json"), ProgressExpectation.DONE))
                .isInstanceOf(KitException.class).hasMessageContaining("run the tests first");
    }
}
