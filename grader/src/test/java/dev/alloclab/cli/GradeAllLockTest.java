package dev.alloclab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.alloclab.grader.ExerciseGrade;
import dev.alloclab.grader.GradeReport;
import dev.alloclab.grader.PartGrade;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two {@code grade-all} on one class folder at once (QA-env finding 4): the second refuses, in one sentence naming the
 * first (pid, since when), with exit 2, before it reads or grades anything; a lock left by a dead run never blocks.
 *
 * <p>The grading step is a stand-in ({@link GradeAllCommand#grading}), so no grading JVM starts.
 */
class GradeAllLockTest {
    private static final String RUBRIC = "{ \"exercises\": { \"bump\": { \"hidden\": 6 } } }";

    @TempDir
    Path temp;

    @Test
    void a_second_grade_all_on_a_class_folder_being_graded_refuses_and_names_the_run_that_grades_it() throws IOException {
        // GIVEN a class folder that a grade-all of this process is grading (it holds the folder's lock)
        Path classDir = classOf("ada", "bo");
        Path results = Files.createDirectories(classDir.resolve(".alloclab-results"));
        try (ClassFolderLock first = ClassFolderLock.take(results, classDir, new PrintWriter(new StringWriter()))) {
            assertThat(first).isNotNull();

            // WHEN a second grade-all starts on the same folder
            List<String> graded = Collections.synchronizedList(new ArrayList<>());
            CommandLineRun second = gradeAll(graded, classDir);

            // THEN it grades nobody, writes no gradebook, and says in one sentence who is grading it and since when
            assertThat(second.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
            assertThat(graded).isEmpty();
            assertThat(classDir.resolve("gradebook.csv")).doesNotExist();
            assertThat(second.err().strip()).matches("grade-all: another grade-all \\(pid "
                    + ProcessHandle.current().pid() + ", since \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d .+\\) is grading "
                    + "the class folder '.*class', and two at once would each take the other's results for tampering: "
                    + "wait for it to finish \\(or stop it\\) and run this again\\.");
        }

        // AND once the first run is over, the next one grades the class
        List<String> graded = Collections.synchronizedList(new ArrayList<>());
        CommandLineRun third = gradeAll(graded, classDir);
        assertThat(third.exitCode()).as(third.err()).isZero();
        assertThat(graded).containsExactlyInAnyOrder("ada", "bo");
    }

    @Test
    void a_grade_all_in_another_process_blocks_the_folder_until_it_dies_and_its_left_lock_file_does_not()
            throws Exception {
        // GIVEN another JVM that holds the class folder's lock, as a running grade-all does
        Path classDir = classOf("ada");
        Path results = Files.createDirectories(classDir.resolve(".alloclab-results"));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process other = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                HoldsTheLock.class.getName(), results.toString(), classDir.toString()).redirectErrorStream(true).start();
        try {
            BufferedReader said = new BufferedReader(new InputStreamReader(other.getInputStream(), StandardCharsets.UTF_8));
            assertThat(said.readLine()).isEqualTo("held");

            // WHEN grade-all starts on that folder here
            List<String> graded = Collections.synchronizedList(new ArrayList<>());
            CommandLineRun blocked = gradeAll(graded, classDir);

            // THEN it refuses, naming the other process
            assertThat(blocked.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
            assertThat(blocked.err()).contains("another grade-all (pid " + other.pid() + ", since ");
            assertThat(graded).isEmpty();

            // AND once that process is killed (kill -9: nothing of it tidies up), its lock file stays but blocks nothing
            other.destroyForcibly();
            assertThat(other.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(results.resolve(ClassFolderLock.FILE)).content().contains("pid " + other.pid());
            CommandLineRun after = gradeAll(graded, classDir);
            assertThat(after.exitCode()).as(after.err()).isZero();
            assertThat(graded).containsExactly("ada");
        } finally {
            other.destroyForcibly();
        }
    }

    /** A stand-in for a running grade-all in a JVM of its own: takes the lock, says "held", waits to be killed. */
    static final class HoldsTheLock {
        public static void main(String[] args) throws IOException, InterruptedException {
            ClassFolderLock lock = ClassFolderLock.take(Path.of(args[0]), Path.of(args[1]), new PrintWriter(System.err));
            System.out.println(lock == null ? "not held" : "held");
            System.out.flush();
            Thread.sleep(TimeUnit.MINUTES.toMillis(5));
        }
    }

    private CommandLineRun gradeAll(List<String> graded, Path classDir) throws IOException {
        Path rubric = temp.resolve("rubric.json");
        if (!Files.exists(rubric)) {
            Files.writeString(rubric, RUBRIC);
        }
        GradeAllCommand command = new GradeAllCommand();
        command.grading = (folder, r, worker) -> {
            String name = folder.getFileName().toString();
            graded.add(name);
            PartGrade hidden = new PartGrade("hidden", 6, 6, "3/3 hidden tests passed", List.of());
            return new GradeReport(name, "hash-of-" + name, 6, 6,
                    List.of(new ExerciseGrade("bump", ExerciseGrade.GRADED, 6, 6, List.of(hidden), List.of())), List.of(), 0.1);
        };
        return CommandLineRun.ofCommand(command, classDir.toString(), "--rubric", rubric.toString(), "--jobs", "1");
    }

    private Path classOf(String... students) throws IOException {
        return TinyClassFolder.write(temp, students);
    }
}
