package dev.alloclab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.alloclab.grader.rubric.Rubric;
import dev.alloclab.grader.rubric.RubricLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import dev.alloclab.testing.KitRoot;

/**
 * {@code grade-all} run again: what it may keep from the last run, and what it must grade again or
 * report. A stored result is only as good as the rubric and grader it was computed with.
 */
class GradeAllRerunTest {
    private static final String SIX_POINTS = "{ \"exercises\": { \"bump\": { \"hidden\": 6 } } }";
    private static final String THREE_POINTS = "{ \"exercises\": { \"bump\": { \"hidden\": 3 } } }";

    @TempDir
    Path temp;

    @Test
    void a_changed_rubric_grades_the_class_again_and_the_gradebook_matches_it() throws IOException {
        // GIVEN a class of one correct submission, graded under a 6-point rubric
        Path classDir = classOfOneSolution();
        Path rubric = Files.writeString(temp.resolve("rubric.json"), SIX_POINTS);
        CommandLineRun first = CommandLineRun.of("grade-all", classDir.toString(), "--jobs", "1", "--rubric", rubric.toString());
        assertThat(first.exitCode()).as(first.out() + first.err()).isZero();
        assertThat(Files.readAllLines(classDir.resolve("gradebook.csv"))).contains("ada,6,6,6,");
        // AND the stored report says which rubric (by name and hash) and which kit graded it, for a regrade request
        String sixWith = gradedWith(classDir);
        assertThat(sixWith).matches("the rubric rubric\\.json \\(sha256 [0-9a-f]{12}\\), alloclab \\S+.*");

        // WHEN the instructor gives the exercise 3 points instead and runs grade-all again
        Files.writeString(rubric, THREE_POINTS);
        CommandLineRun second = CommandLineRun.of("grade-all", classDir.toString(), "--jobs", "1", "--rubric", rubric.toString());

        // THEN the submission is graded again: its row says 3 of 3, never the old 6 next to the new maximum
        assertThat(second.exitCode()).as(second.out() + second.err()).isZero();
        assertThat(second.out()).contains("1 graded now, 0 kept from the last run");
        assertThat(Files.readAllLines(classDir.resolve("gradebook.csv"))).contains("ada,3,3,3,");
        assertThat(gradedWith(classDir)).startsWith("the rubric rubric.json (sha256 ").isNotEqualTo(sixWith);

        // AND a third run with the same rubric keeps the stored result
        CommandLineRun third = CommandLineRun.of("grade-all", classDir.toString(), "--jobs", "1", "--rubric", rubric.toString());
        assertThat(third.out()).contains("0 graded now, 1 kept from the last run");
        assertThat(Files.readAllLines(classDir.resolve("gradebook.csv"))).contains("ada,3,3,3,");
    }

    @Test
    void a_re_run_that_forgets_the_courses_rubric_changes_nothing_and_says_how_to_go_on() throws IOException {
        // GIVEN a class graded under a course's 6-point rubric
        Path classDir = classOfOneSolution();
        Path rubric = Files.writeString(temp.resolve("course.json"), SIX_POINTS);
        CommandLineRun first = CommandLineRun.of("grade-all", classDir.toString(), "--jobs", "1", "--rubric", rubric.toString());
        assertThat(first.exitCode()).as(first.out() + first.err()).isZero();
        List<String> gradebook = Files.readAllLines(classDir.resolve("gradebook.csv"));
        // WHEN it is run again without --rubric (the default rubric would regrade everyone, 9 columns of 100 points)
        CommandLineRun forgot = CommandLineRun.of("grade-all", classDir.toString(), "--jobs", "1");
        // THEN it refuses with a sentence naming the course's rubric, and the gradebook and results are as they were
        assertThat(forgot.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(forgot.err()).contains("were graded with the rubric course.json (sha256 ", "this run has no --rubric",
                "Run it again with --rubric");
        assertThat(Files.readAllLines(classDir.resolve("gradebook.csv"))).isEqualTo(gradebook);
        assertThat(gradedWith(classDir)).startsWith("the rubric course.json");
    }

    @Test
    void a_loose_source_file_in_the_class_folder_is_named_not_dropped_in_silence() throws IOException {
        // GIVEN a class folder with one submission folder and a single .java file, as an LMS hands out file uploads
        Path classDir = classOfOneSolution();
        Files.writeString(classDir.resolve("lee_12345_BumpAllocator.java"), "class BumpAllocator { }\n");
        Path rubric = Files.writeString(temp.resolve("rubric.json"), SIX_POINTS);
        // WHEN the class is graded
        CommandLineRun run = CommandLineRun.of("grade-all", classDir.toString(), "--jobs", "1", "--rubric", rubric.toString());
        // THEN the folder is graded and the file is named as not graded, with what to do
        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.err()).contains("grade-all: note: 1 loose .java file in '" + classDir + "' is not graded and has"
                + " no row in the gradebook: lee_12345_BumpAllocator.java.", "put each student's files in a folder");
        assertThat(Files.readAllLines(classDir.resolve("gradebook.csv"))).hasSize(2);
    }

    @Test
    void a_students_archive_that_was_never_unpacked_gets_a_row_with_the_reason() throws IOException {
        // GIVEN a class folder with one submission folder, one upload left as a zip, and a zip next to its own folder
        Path classDir = classOfOneSolution();
        Files.write(classDir.resolve("erin.zip"), new byte[] {'P', 'K', 3, 4});
        Files.write(classDir.resolve("ada.zip"), new byte[] {'P', 'K', 3, 4});
        Files.writeString(classDir.resolve("notes.txt"), "the instructor's own notes");
        Path rubric = Files.writeString(temp.resolve("rubric.json"), SIX_POINTS);

        // WHEN the class is graded
        CommandLineRun run = CommandLineRun.of("grade-all", classDir.toString(), "--jobs", "1", "--rubric", rubric.toString());

        // THEN erin has a 0 row saying to unpack the archive, the run exits 1, and the other files are left alone
        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(ExitCodes.CHECK_FAILED);
        List<String> rows = Files.readAllLines(classDir.resolve("gradebook.csv"));
        assertThat(rows).hasSize(3);
        assertThat(rows.get(1)).startsWith("ada,6,6,6,");
        assertThat(rows.get(2)).startsWith("erin,0,0,6,").contains("'erin.zip' is an archive", "unpack it into a folder 'erin'");
        assertThat(run.out()).contains("2 submission(s): 1 graded now", "1 could not be graded");
        // AND the progress bar counts every row of the gradebook, the archive's too
        assertThat(run.err()).contains("2/2").doesNotContain("/1 ");
    }

    @Test
    void the_grading_key_changes_with_the_submission_and_the_rubric_only() {
        Rubric six = RubricLoader.parse(SIX_POINTS, "six.json");
        Rubric three = RubricLoader.parse(THREE_POINTS, "three.json");
        assertThat(GradingKey.forRun(six).of("abc"))
                .isEqualTo(GradingKey.forRun(RubricLoader.parse(SIX_POINTS, "again.json")).of("abc"))
                .isNotEqualTo(GradingKey.forRun(six).of("abd"))
                .isNotEqualTo(GradingKey.forRun(three).of("abc"));
        assertThat(GradeAllCommand.stem("erin.tar.gz")).isEqualTo("erin");
        assertThat(GradeAllCommand.stem("Erin.ZIP")).isEqualTo("Erin");
        assertThat(GradeAllCommand.stem("notes.txt")).isEqualTo("notes.txt");
    }

    private static String gradedWith(Path classDir) throws IOException {
        return new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(classDir.resolve(".alloclab-results/ada.json").toFile()).path("gradedWith").asText();
    }

    private Path classOfOneSolution() throws IOException {
        Path solutions = KitRoot.resolve("solutions/src");
        Assumptions.assumeTrue(Files.isDirectory(solutions), "the solutions have not landed");
        Path classDir = Files.createDirectories(temp.resolve("class"));
        GradeAllKillAndRerunTest.copyTree(solutions, classDir.resolve("ada").resolve("src"));
        return classDir;
    }
}
