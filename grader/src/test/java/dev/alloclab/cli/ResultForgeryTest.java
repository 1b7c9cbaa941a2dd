package dev.alloclab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.alloclab.grader.run.TestWorkerUsers;
import dev.alloclab.grader.run.WorkerUser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import dev.alloclab.testing.KitRoot;

/**
 * Red-team finding 6: in {@code grade-all}, one student's test rewrites the classmates' stored results (every score
 * set to 0, the grading key kept, so a re-run would trust them). Without {@code --worker-user} the grader notices
 * that the bytes are not the ones it wrote and grades those classmates again; with it, student code cannot write
 * the results folder at all.
 */
class ResultForgeryTest {
    private static final String RUBRIC = "{ \"exercises\": { \"bump\": { \"hidden\": 6 } } }";

    @TempDir
    Path temp;

    @Test
    void a_classmates_result_rewritten_during_the_run_is_graded_again_and_the_gradebook_keeps_the_true_score()
            throws IOException {
        // GIVEN alice (the solutions, full marks) and zed, whose student test zeroes every stored result it finds
        Path classDir = classWithAForger();
        // WHEN the class is graded, alice first, then zed, whose code rewrites alice.json
        CommandLineRun run = gradeAll(classDir);
        // THEN alice keeps her 6 points in the gradebook, with a note saying her stored result was changed
        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        List<String> rows = Files.readAllLines(classDir.resolve("gradebook.csv"));
        assertThat(rows.get(1)).startsWith("alice,6,6,6,").contains("its stored result was changed by someone else");
        assertThat(rows.get(2)).startsWith("zed,0,0,6");
        assertThat(run.out()).contains("1 stored result(s) had been changed by someone else", ": alice.")
                .contains("2 submission(s): 2 graded now"); // alice's second grading counts once
        // AND the file on disk is the grader's again, so the next run keeps it
        CommandLineRun again = gradeAll(classDir);
        assertThat(again.out()).contains("kept from the last run");
        assertThat(Files.readAllLines(classDir.resolve("gradebook.csv")).get(1)).startsWith("alice,6,6,6,");
    }

    @Test
    void a_result_changed_between_two_runs_is_not_kept_but_graded_again() throws IOException {
        // GIVEN a class graded once (alice alone, so nothing rewrites her result during the run)
        Path classDir = Files.createDirectories(temp.resolve("class"));
        GradeAllKillAndRerunTest.copyTree(kit("solutions/src"), classDir.resolve("alice/src"));
        assertThat(gradeAll(classDir).exitCode()).isZero();
        // WHEN something rewrites her stored result after the run, keeping its grading key (a detached process would)
        Path stored = classDir.resolve(GradeAllCommand.RESULTS).resolve("alice.json");
        Files.writeString(stored, Files.readString(stored).replaceAll("\"score\" : [0-9.]+", "\"score\" : 0.0"));
        CommandLineRun rerun = gradeAll(classDir);
        // THEN the re-run does not keep it: alice is graded again, with the note
        assertThat(rerun.out()).contains("1 graded now, 0 kept from the last run");
        assertThat(Files.readAllLines(classDir.resolve("gradebook.csv")).get(1))
                .startsWith("alice,6,6,6,").contains("its stored result was changed by someone else");
    }

    @Test
    void with_worker_users_the_forger_cannot_write_the_results_at_all() throws IOException {
        // GIVEN the same class, graded as root with a worker user, in folders that user may read
        String user = TestWorkerUsers.ensure(1);
        Path classDir = classWithAForger();
        for (Path p = classDir; p.startsWith(temp); p = p.getParent()) {
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        Path perfData = Path.of("/tmp", "hsperfdata_" + user); // what a JVM of that user would leave behind
        if (Files.isDirectory(perfData)) {
            try (var files = Files.list(perfData)) {
                for (Path file : files.toList()) {
                    Files.delete(file);
                }
            }
            Files.delete(perfData);
        }
        // WHEN graded
        CommandLineRun run = CommandLineRun.of("grade-all", classDir.toString(), "--jobs", "1", "--rubric",
                rubric().toString(), "--worker-user", user);
        // THEN alice's stored result was never touched: no note, no result graded twice
        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        List<String> rows = Files.readAllLines(classDir.resolve("gradebook.csv"));
        assertThat(rows.get(1)).isEqualTo("alice,6,6,6,");
        assertThat(run.out()).contains("2 graded now").doesNotContain("changed by someone else");
        assertThat(Files.readString(classDir.resolve(GradeAllCommand.RESULTS).resolve("alice.json"))).contains("\"score\" : 6.0");
        // AND nothing of the worker user outlives the run, not even a JVM's performance-data folder in /tmp
        assertThat(WorkerUser.named(user).killEveryProcess()).isZero();
        assertThat(perfData).doesNotExist();
    }

    @Test
    void more_jobs_than_worker_users_is_refused_with_a_sentence() throws IOException {
        CommandLineRun run = CommandLineRun.of("grade-all", Files.createDirectories(temp.resolve("c/ada")).getParent().toString(),
                "--jobs", "2", "--worker-user", "alloclab-worker");
        assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err()).contains("--jobs 2 needs 2 worker users, one per grading at a time");
    }

    @Test
    void grade_with_a_worker_user_that_does_not_exist_is_bad_input_with_a_sentence_and_grades_nothing() throws IOException {
        Path submission = Files.createDirectories(temp.resolve("ada/src/main/java"));
        CommandLineRun run = CommandLineRun.of("grade", submission.getParent().getParent().toString(),
                "--worker-user", "alloclab-nobody-here");
        assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err()).startsWith("grade: --worker-user alloclab-nobody-here");
        assertThat(run.out()).isEmpty();
    }

    private Path classWithAForger() throws IOException {
        Path classDir = Files.createDirectories(temp.resolve("class"));
        GradeAllKillAndRerunTest.copyTree(kit("solutions/src"), classDir.resolve("alice/src"));
        GradeAllKillAndRerunTest.copyTree(kit("exercises/src"), classDir.resolve("zed/src"));
        Path results = classDir.resolve(GradeAllCommand.RESULTS).toAbsolutePath();
        Files.writeString(classDir.resolve("zed/src/test/java/dev/alloclab/exercises/bump/BumpAllocatorStudentTest.java"), """
                package dev.alloclab.exercises.bump;
                import java.nio.file.Files;
                import java.nio.file.Path;
                import org.junit.jupiter.api.Test;
                class BumpAllocatorStudentTest {
                    @Test
                    void classmates() throws Exception {
                        try (var files = Files.list(Path.of("%s"))) {
                            for (Path f : files.filter(p -> p.toString().endsWith(".json")).toList()) {
                                Files.writeString(f, Files.readString(f).replaceAll("\\"score\\" : [0-9.]+", "\\"score\\" : 0.0"));
                            }
                        }
                    }
                }
                """.formatted(results));
        return classDir;
    }

    private CommandLineRun gradeAll(Path classDir) throws IOException {
        return CommandLineRun.of("grade-all", classDir.toString(), "--jobs", "1", "--rubric", rubric().toString());
    }

    private Path rubric() throws IOException {
        return Files.writeString(temp.resolve("rubric.json"), RUBRIC);
    }

    private static Path kit(String folder) {
        Path path = KitRoot.resolve(folder);
        Assumptions.assumeTrue(Files.isDirectory(path), folder + " is not in this clone");
        return path;
    }
}
