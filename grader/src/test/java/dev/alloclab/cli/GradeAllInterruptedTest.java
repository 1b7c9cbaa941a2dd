package dev.alloclab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.alloclab.grader.ExerciseGrade;
import dev.alloclab.grader.GradeReport;
import dev.alloclab.grader.PartGrade;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The instructor's own Ctrl-C (QA-env finding 8): the run that is stopped by a signal marks what it was grading as
 * interrupted, and the next run grades those again, last and alone, without writing of them that their code may end
 * the grader. A student whose grading is interrupted again while it runs alone is not let off a second time.
 *
 * <p>The grading step is a stand-in ({@link GradeAllCommand#grading}), so no grading JVM starts.
 */
class GradeAllInterruptedTest {
    private static final String RUBRIC = "{ \"exercises\": { \"bump\": { \"hidden\": 6 } } }";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path temp;

    @Test
    void a_run_stopped_by_a_signal_leaves_no_suspicion_on_the_students_it_was_grading() throws Exception {
        // GIVEN a grade-all in a JVM of its own, grading two of three students at once (slowly)
        Path classDir = classOf("a", "b", "c");
        Path rubric = Files.writeString(temp.resolve("rubric.json"), RUBRIC);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process first = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                GradesSlowly.class.getName(), classDir.toString(), "--rubric", rubric.toString(), "--jobs", "2")
                .redirectError(temp.resolve("first.err").toFile()).start();
        BufferedReader said = new BufferedReader(new InputStreamReader(first.getInputStream(), StandardCharsets.UTF_8));
        List<String> started = new ArrayList<>(List.of(said.readLine(), said.readLine()));

        // WHEN the instructor stops it (Ctrl-C or kill PID: a signal, so its shutdown hooks run)
        first.destroy();
        assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();

        // THEN the markers of the two it was grading say the run was interrupted
        Path results = classDir.resolve(".alloclab-results");
        assertThat(started).containsExactlyInAnyOrder("grading a", "grading b");
        for (String name : List.of("a", "b")) {
            assertThat(marker(results, name).path("interrupted").asBoolean())
                    .as("%s's marker after the signal: %s", name, Files.readString(temp.resolve("first.err"))).isTrue();
        }

        // AND the next run grades them again, last and alone, says they were interrupted, and their rows have no note
        List<String> order = Collections.synchronizedList(new ArrayList<>());
        CommandLineRun second = gradeAll(order, classDir, rubric);
        assertThat(second.exitCode()).as(second.err()).isZero();
        assertThat(order).containsExactly("c", "a", "b");
        assertThat(second.err()).contains("grade-all: the last run was interrupted (Ctrl-C or a stop signal) while "
                + "grading a, b: graded again, last").doesNotContain("the last run stopped while grading");
        assertThat(second.out()).contains("The last run was interrupted while grading a, b: graded again, last and alone.")
                .doesNotContain("Student code that ends the grader");
        assertThat(Files.readAllLines(classDir.resolve("gradebook.csv")))
                .containsExactly("student,bump,total,maxScore,note", "a,6,6,6,", "b,6,6,6,", "c,6,6,6,");
        assertThat(results.resolve("a.grading")).doesNotExist();
    }

    @Test
    void a_submission_interrupted_again_while_graded_alone_keeps_a_plain_marker_and_others_an_interrupted_one()
            throws IOException {
        // GIVEN markers the last run's Ctrl-C left for x and y
        Path results = Files.createDirectories(temp.resolve("results"));
        GradingMarkers last = new GradingMarkers(results);
        last.grading("x", false);
        last.grading("y", false);
        last.interruptedNow();
        assertThat(marker(results, "x").path("interrupted").asBoolean()).isTrue();

        // WHEN this run grades x alone (last) and z beside others, and is stopped by a signal again
        GradingMarkers now = new GradingMarkers(results);
        assertThat(now.leftByLastRun(List.of("x", "y", "z")))
                .containsExactly(new GradingMarkers.Left("x", false, true), new GradingMarkers.Left("y", false, true));
        now.grading("z", false);
        now.grading("x", true);
        now.interruptedNow();
        now.done("x"); // a grading that ends after the signal removes nothing

        // THEN z's marker says interrupted, but x's is a plain one: a signal twice in a row while x alone ran is
        // what its own code sending the grader a stop signal looks like, and the next run treats it so
        assertThat(marker(results, "z").path("interrupted").asBoolean()).isTrue();
        assertThat(marker(results, "x").path("interrupted").asBoolean()).isFalse();
        assertThat(new GradingMarkers(results).leftByLastRun(List.of("x", "y", "z")))
                .containsExactly(new GradingMarkers.Left("y", false, true), new GradingMarkers.Left("z", false, true),
                        new GradingMarkers.Left("x", true, false));
    }

    /** grade-all in a JVM of its own whose gradings never end: says "grading NAME" as each starts. */
    static final class GradesSlowly {
        public static void main(String[] args) {
            GradeAllCommand command = new GradeAllCommand();
            command.grading = (folder, rubric, worker) -> {
                System.out.println("grading " + folder.getFileName());
                System.out.flush();
                try {
                    Thread.sleep(TimeUnit.MINUTES.toMillis(5));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return report(folder.getFileName().toString());
            };
            System.exit(new CommandLine(command).execute(args));
        }
    }

    private static GradeReport report(String name) {
        PartGrade hidden = new PartGrade("hidden", 6, 6, "3/3 hidden tests passed", List.of());
        return new GradeReport(name, "hash-of-" + name, 6, 6,
                List.of(new ExerciseGrade("bump", ExerciseGrade.GRADED, 6, 6, List.of(hidden), List.of())), List.of(), 0.1);
    }

    private static JsonNode marker(Path results, String name) throws IOException {
        return JSON.readTree(results.resolve(name + GradingMarkers.ENDING).toFile());
    }

    private static CommandLineRun gradeAll(List<String> order, Path classDir, Path rubric) {
        GradeAllCommand command = new GradeAllCommand();
        command.grading = (folder, r, worker) -> {
            order.add(folder.getFileName().toString());
            return report(folder.getFileName().toString());
        };
        return CommandLineRun.ofCommand(command, classDir.toString(), "--rubric", rubric.toString(), "--jobs", "1");
    }

    private Path classOf(String... students) throws IOException {
        return TinyClassFolder.write(temp, students);
    }
}
