package dev.alloclab.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code grade --out} and {@code grade-all --csv} are checked before any grading: each bad target is exit 2 and
 * one sentence. The runs below name a submission that does not exist, or a class whose grading would leave a
 * result behind, so that a check made only after grading shows up as the wrong sentence or as a stored result.
 */
class OutputTargetsTest {
    @TempDir
    Path temp;

    @Test
    void grade_out_naming_an_existing_file_says_that_out_takes_a_folder_and_what_it_writes_there() throws IOException {
        // GIVEN a file where the report folder should be
        Path file = Files.writeString(temp.resolve("afile2"), "mine");
        // WHEN a submission is graded into it (one that does not exist: the check must come first)
        CommandLineRun run = CommandLineRun.of("grade", temp.resolve("no-such-submission").toString(),
                "--format", "html", "--out", file.toString());
        // THEN bad input, one sentence naming the option, the file names it writes, and the file is untouched
        assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err()).isEqualTo("grade: --out takes a folder, but '" + file + "' is a file: grade writes its "
                + "report into the folder as grade.html (grade.txt, grade.json, results.json, TEST-alloclab.xml or "
                + "grade.html by --format), so pass a new or existing folder.\n");
        assertThat(file).hasContent("mine");
    }

    @Test
    void grade_out_naming_a_report_file_that_does_not_exist_yet_is_refused_with_the_folder_to_pass() {
        // GIVEN --out results.json, as if --out took the file (it would make a folder results.json/)
        Path out = temp.resolve("results.json");
        CommandLineRun run = CommandLineRun.of("grade", temp.resolve("no-such-submission").toString(),
                "--format", "gradescope", "--out", out.toString());
        // THEN bad input, and the sentence names the folder to pass; nothing is created
        assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err()).startsWith("grade: --out takes a folder, and grade names the file itself (results.json "
                + "for --format gradescope): pass --out '" + temp + "' instead of '" + out + "'.");
        assertThat(out).doesNotExist();
    }

    @Test
    void grade_out_under_a_file_cannot_be_created() throws IOException {
        Path file = Files.writeString(temp.resolve("afile"), "mine");
        CommandLineRun run = CommandLineRun.of("grade", temp.resolve("no-such-submission").toString(),
                "--out", file.resolve("reports").toString());
        assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err()).startsWith("grade: --out '" + file.resolve("reports") + "' cannot be created, because '"
                + file + "' is a file: pass a path in a folder you can write to.");
    }

    @Test
    void grade_out_holding_a_folder_with_the_report_s_name_is_refused() throws IOException {
        Path out = Files.createDirectories(temp.resolve("reports/grade.txt")).getParent();
        CommandLineRun run = CommandLineRun.of("grade", temp.resolve("no-such-submission").toString(), "--out", out.toString());
        assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err()).startsWith("grade: --out '" + out + "' holds a folder named grade.txt where the report goes");
    }

    @Test
    void grade_out_in_a_folder_without_write_permission_is_refused() throws IOException {
        // GIVEN a folder the user may not write into (root may write anywhere, so this runs only for other users)
        Path locked = Files.createDirectories(temp.resolve("locked"));
        Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            Assumptions.assumeFalse(Files.isWritable(locked), "this user may write into a read-only folder (root)");
            CommandLineRun run = CommandLineRun.of("grade", temp.resolve("no-such-submission").toString(),
                    "--out", locked.resolve("reports").toString());
            assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
            assertThat(run.err()).startsWith("grade: --out '" + locked.resolve("reports") + "' cannot be written, because "
                    + "the folder '" + locked + "' is not writable for you");
        } finally {
            Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    @Test
    void grade_all_csv_naming_a_folder_is_refused_before_any_student_is_graded() throws IOException {
        // GIVEN a class with one (empty) student folder, whose grading would store a result at once
        Path classDir = Files.createDirectories(temp.resolve("class/ada")).getParent();
        Path folder = Files.createDirectories(temp.resolve("scratch"));
        // WHEN the gradebook is sent to a folder
        CommandLineRun run = CommandLineRun.of("grade-all", classDir.toString(), "--csv", folder.toString());
        // THEN bad input, one sentence with a file name to use instead, and nothing was graded or stored
        assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err()).isEqualTo("grade-all: --csv names the gradebook file, but '" + folder + "' is a folder: "
                + "pass a file name such as '" + folder.resolve("gradebook.csv") + "'.\n");
        assertThat(classDir.resolve(GradeAllCommand.RESULTS)).doesNotExist();
        try (var left = Files.list(folder)) {
            assertThat(left).as("files left in the --csv folder").isEmpty();
        }
    }

    @Test
    void grade_all_csv_under_a_file_cannot_be_created() throws IOException {
        Path classDir = Files.createDirectories(temp.resolve("class/ada")).getParent();
        Path file = Files.writeString(temp.resolve("afile"), "mine");
        Path csv = file.resolve("marks/gradebook.csv");
        CommandLineRun run = CommandLineRun.of("grade-all", classDir.toString(), "--csv", csv.toString());
        assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err()).startsWith("grade-all: the folder of --csv '" + csv + "' cannot be created, because '"
                + file + "' is a file");
        assertThat(classDir.resolve(GradeAllCommand.RESULTS)).doesNotExist();
    }

    @Test
    void grade_all_csv_in_a_folder_without_write_permission_is_refused() throws IOException {
        Path classDir = Files.createDirectories(temp.resolve("class/ada")).getParent();
        Path locked = Files.createDirectories(temp.resolve("locked"));
        Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            Assumptions.assumeFalse(Files.isWritable(locked), "this user may write into a read-only folder (root)");
            CommandLineRun run = CommandLineRun.of("grade-all", classDir.toString(), "--csv", locked.resolve("g.csv").toString());
            assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
            assertThat(run.err()).startsWith("grade-all: the folder of --csv '" + locked.resolve("g.csv")
                    + "' cannot be written, because the folder '" + locked + "' is not writable for you");
            assertThat(classDir.resolve(GradeAllCommand.RESULTS)).doesNotExist();
        } finally {
            Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    @Test
    void grade_all_csv_in_a_folder_the_system_will_not_create_is_refused_before_any_student_is_graded() {
        // GIVEN a folder whose parent looks writable to root but refuses new folders (/proc), and a class to grade
        Path proc = Path.of("/proc");
        Assumptions.assumeTrue(Files.isDirectory(proc.resolve("self")), "no /proc on this system");
        Path classDir = temp.resolve("class");
        assertThatCode(() -> Files.createDirectories(classDir.resolve("ada"))).doesNotThrowAnyException();
        Path csv = proc.resolve("alloclab-nope/gradebook.csv");
        // WHEN the class is graded into it
        CommandLineRun run = CommandLineRun.of("grade-all", classDir.toString(), "--csv", csv.toString());
        // THEN the run is refused at once, the sentence names the folder, and no student was graded
        assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err()).startsWith("grade-all: the folder of --csv '" + csv + "' cannot be written: the folder '"
                + csv.getParent() + "' does not exist and cannot be created there");
        assertThat(classDir.resolve(GradeAllCommand.RESULTS)).doesNotExist();
    }

    @Test
    void grade_out_in_a_folder_the_system_will_not_create_is_refused_before_grading() {
        Path proc = Path.of("/proc");
        Assumptions.assumeTrue(Files.isDirectory(proc.resolve("self")), "no /proc on this system");
        Path out = proc.resolve("alloclab-nope");
        CommandLineRun run = CommandLineRun.of("grade", temp.resolve("no-such-submission").toString(), "--out", out.toString());
        assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err()).startsWith("grade: --out '" + out + "' cannot be written: the folder '" + out
                + "' does not exist and cannot be created there");
    }

    @Test
    void good_targets_pass_the_check_new_or_existing() throws IOException {
        Path existing = Files.createDirectories(temp.resolve("reports"));
        Files.writeString(existing.resolve("grade.json"), "an older report, replaced by the next one");
        assertThatCode(() -> OutputTargets.checkReportFolder(existing, GradeCommand.Format.json)).doesNotThrowAnyException();
        assertThatCode(() -> OutputTargets.checkReportFolder(temp.resolve("new/nested"), GradeCommand.Format.text))
                .doesNotThrowAnyException();
        assertThatCode(() -> OutputTargets.checkGradebook(temp.resolve("marks/2026/gradebook.csv"))).doesNotThrowAnyException();
        assertThatCode(() -> OutputTargets.checkGradebook(existing.resolve("grade.json"))).doesNotThrowAnyException();
        assertThatCode(() -> OutputTargets.checkGradebook(Path.of("gradebook.csv"))).doesNotThrowAnyException();
        assertThat(temp.resolve("new")).as("a check creates nothing").doesNotExist();
    }

    @Test
    void a_student_folder_named_gradebook_csv_is_named_before_grading_and_the_fix_is_outside_the_class() throws IOException {
        // GIVEN a class whose one student named their folder gradebook.csv, where the gradebook goes by default
        Path classDir = Files.createDirectories(temp.resolve("class-gb"));
        Files.createDirectories(classDir.resolve("gradebook.csv/src/main/java"));
        // WHEN the class is graded, without --csv and with it pointing at that folder
        CommandLineRun byDefault = CommandLineRun.of("grade-all", classDir.toString());
        CommandLineRun named = CommandLineRun.of("grade-all", classDir.toString(), "--csv",
                classDir.resolve("gradebook.csv").toString());
        // THEN both are refused at once, naming the folder as a student's, and suggest a file beside the class folder
        for (CommandLineRun run : java.util.List.of(byDefault, named)) {
            assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
            assertThat(run.err()).contains("'" + classDir.resolve("gradebook.csv") + "' is a folder, a student's "
                    + "submission in the class folder: pass --csv with a file name such as '"
                    + temp.toAbsolutePath().normalize().resolve("class-gb-gradebook.csv") + "'");
        }
        assertThat(byDefault.err()).startsWith("grade-all: the gradebook goes to '" + classDir.resolve("gradebook.csv")
                + "' by default");
        assertThat(classDir.resolve(GradeAllCommand.RESULTS)).as("nothing was graded").doesNotExist();
    }
}
