package dev.alloclab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.alloclab.grader.ExerciseGrade;
import dev.alloclab.grader.GradeReport;
import dev.alloclab.grader.PartGrade;
import dev.alloclab.grader.run.TestOutcome;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * A class run that one student cannot spoil for the others: a grading that reached a time limit while classmates were
 * graded beside it is graded again alone (QA-hostile finding 1), and a submission whose code ended the last run is
 * named and graded last, alone, after everyone else's grades are in the gradebook (finding 10).
 *
 * <p>Cheap: the grading step is a stand-in ({@link GradeAllCommand#grading}) that reports a stop when told to, so no
 * grading JVM starts.
 */
class GradeAllClassRunTest {
    private static final String RUBRIC = "{ \"exercises\": { \"bump\": { \"hidden\": 6 } } }";
    private static final String STOP = "failed: BumpHiddenTest > alloc_is_fast() — stopped after 10 s: "
            + TestOutcome.DID_NOT_RETURN;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path temp;

    /** A stand-in for the grader: 6/6, or 4/6 with a stopped hidden test when {@code stops} says so. */
    private static final class StandIn implements GradeAllCommand.Grading {
        final List<String> order = Collections.synchronizedList(new ArrayList<>());
        final Map<String, Integer> calls = new ConcurrentHashMap<>();
        final AtomicInteger running = new AtomicInteger();
        /** Whether the first two gradings wait for each other, so that they surely run beside each other. */
        boolean pairFirstTwo;
        final CountDownLatch together = new CountDownLatch(2);
        final CountDownLatch bothLooked = new CountDownLatch(2);
        /** (name, whether another grading ran beside it) -> whether this grading reaches a time limit. */
        java.util.function.BiPredicate<String, Boolean> stops = (name, beside) -> false;
        /** Names whose grading ends the whole run (stands in for code that kills the grader's process). */
        Predicate<String> kills = name -> false;
        /** Runs as a grading starts (to look at the results folder and the gradebook then). */
        java.util.function.Consumer<String> onStart = name -> { };

        @Override
        public GradeReport grade(Path folder, dev.alloclab.grader.rubric.Rubric rubric,
                                 dev.alloclab.grader.run.WorkerUser worker) {
            String name = folder.getFileName().toString();
            order.add(name);
            int call = calls.merge(name, 1, Integer::sum);
            onStart.accept(name);
            if (kills.test(name)) {
                throw new ProcessEnded();
            }
            int now = running.incrementAndGet();
            boolean beside = now > 1;
            try {
                if (pairFirstTwo && call == 1 && together.getCount() > 0) {
                    together.countDown();
                    together.await(10, TimeUnit.SECONDS);
                    beside |= running.get() > 1;
                    bothLooked.countDown();
                    bothLooked.await(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                running.decrementAndGet();
            }
            boolean stopped = stops.test(name, beside);
            PartGrade hidden = new PartGrade("hidden", stopped ? 4 : 6, 6, (stopped ? 2 : 3) + "/3 hidden tests passed",
                    stopped ? List.of(STOP) : List.of());
            ExerciseGrade bump = new ExerciseGrade("bump", ExerciseGrade.GRADED, hidden.score(), 6, List.of(hidden),
                    List.of());
            return new GradeReport(name, "hash-of-" + name, hidden.score(), 6, List.of(bump), List.of(), 0.1);
        }
    }

    /** What the stand-in throws to end a run the way a killed grader would: nothing after it happens. */
    private static final class ProcessEnded extends Error {
    }

    @Test
    void a_grading_stopped_by_a_time_limit_beside_a_classmate_is_graded_again_alone_and_that_grade_is_kept()
            throws IOException {
        // GIVEN a burner and a victim graded side by side, where the victim's test only reaches its limit beside others
        Path classDir = classOf("a-burner", "victim");
        StandIn grader = new StandIn();
        grader.stops = (name, beside) -> name.equals("victim") && beside;
        grader.pairFirstTwo = true;

        // WHEN the class is graded with two jobs
        Run run = gradeAll(grader, classDir, "--jobs", "2");

        // THEN the victim was graded twice, the second time alone, and its row has full marks and says why
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(grader.calls).containsEntry("victim", 2).containsEntry("a-burner", 1);
        assertThat(grader.order).endsWith("victim");
        assertThat(row(classDir, "victim")).isEqualTo("victim,6,6,6,graded again alone: a time limit was reached "
                + "while its grading overlapped another submission's");
        assertThat(row(classDir, "a-burner")).isEqualTo("a-burner,6,6,6,");
        // AND the terminal said so, with progress of its own for the second pass
        assertThat(run.err()).contains("a time limit was reached in 1 submission(s) while others were being graded; "
                + "grading them again, one at a time with nothing else running: victim", "1/1 done (victim)");
        assertThat(run.out()).contains("2 submission(s): 2 graded now", "graded again alone (their rows say so): victim.");

        // AND a second run keeps both results: the grade made alone is final
        StandIn again = new StandIn();
        Run second = gradeAll(again, classDir, "--jobs", "2");
        assertThat(second.out()).contains("0 graded now, 2 kept from the last run");
        assertThat(row(classDir, "victim")).startsWith("victim,6,6,6,graded again alone");
    }

    @Test
    void a_submission_that_reaches_its_limit_alone_too_keeps_its_stop_and_its_row_says_so() throws IOException {
        // GIVEN a slow submission: its test reaches the limit whether or not anything runs beside it
        Path classDir = classOf("fast", "slow");
        StandIn grader = new StandIn();
        grader.stops = (name, beside) -> name.equals("slow");
        grader.pairFirstTwo = true;

        // WHEN the class is graded with two jobs
        Run run = gradeAll(grader, classDir, "--jobs", "2");

        // THEN it was graded again alone, and keeps the stop: it is slow by itself
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(grader.calls).containsEntry("slow", 2);
        assertThat(row(classDir, "slow")).isEqualTo("slow,4,4,6,graded again alone: a time limit was reached while "
                + "its grading overlapped another submission's; it reached a time limit alone too");
    }

    @Test
    void with_one_job_nothing_runs_beside_a_grading_so_a_stop_is_kept_without_a_second_grading() throws IOException {
        Path classDir = classOf("ada", "slow");
        StandIn grader = new StandIn();
        grader.stops = (name, beside) -> name.equals("slow");

        Run run = gradeAll(grader, classDir, "--jobs", "1");

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(grader.calls).containsEntry("slow", 1);
        assertThat(row(classDir, "slow")).isEqualTo("slow,4,4,6,");
    }

    @Test
    void a_grade_stopped_beside_others_is_never_kept_by_a_later_run_if_the_run_ends_before_the_second_grading()
            throws IOException {
        // GIVEN a run that ends (killed) right after the parallel pass, before the victim is graded again alone
        Path classDir = classOf("a-burner", "victim");
        StandIn grader = new StandIn();
        grader.stops = (name, beside) -> name.equals("victim") && beside;
        grader.pairFirstTwo = true;
        grader.kills = name -> name.equals("victim") && grader.calls.get("victim") == 2;
        Run first = gradeAll(grader, classDir, "--jobs", "2");
        assertThat(first.exit()).isNotZero();
        // (the spoiled result is stored, but without the key that lets a later run keep it)
        assertThat(JSON.readTree(classDir.resolve(".alloclab-results/victim.json").toFile()).has("gradingKey")).isFalse();

        // WHEN the class is graded again, with nothing spoiling it this time
        StandIn quiet = new StandIn();
        Run second = gradeAll(quiet, classDir, "--jobs", "1");

        // THEN the victim is graded again, never kept at 4/6 (last and alone: the run ended while grading it)
        assertThat(second.exit()).as(second.err()).isZero();
        assertThat(quiet.calls).containsOnlyKeys("victim");
        assertThat(row(classDir, "victim")).startsWith("victim,6,6,6,graded last and alone");
    }

    @Test
    void while_a_submission_is_graded_a_marker_names_it_and_a_run_that_dies_then_leaves_it_behind() throws IOException {
        // GIVEN a class whose second student's code ends the grader's process
        Path classDir = classOf("anna", "killer");
        Path results = classDir.resolve(".alloclab-results");
        StandIn grader = new StandIn();
        grader.kills = name -> name.equals("killer");
        Map<String, String> markerWhileGrading = new ConcurrentHashMap<>();
        grader.onStart = name -> markerWhileGrading.put(name, String.join("", lines(results.resolve(name + ".grading"))));

        // WHEN the class is graded, one at a time
        Run run = gradeAll(grader, classDir, "--jobs", "1");

        // THEN each grading had its marker before the student's code ran; anna's went with her stored result, and
        // killer's is left behind by the run that died
        assertThat(run.exit()).isNotZero();
        assertThat(markerWhileGrading).containsOnlyKeys("anna", "killer");
        assertThat(JSON.readTree(markerWhileGrading.get("killer")))
                .isEqualTo(JSON.readTree("{\"grading\": \"killer\", \"alone\": true}"));
        assertThat(results.resolve("anna.json")).exists();
        assertThat(results.resolve("anna.grading")).doesNotExist();
        assertThat(results.resolve("killer.grading")).exists();
    }

    @Test
    void a_submission_the_last_run_died_grading_is_named_first_and_graded_last_after_the_gradebook_is_written()
            throws IOException {
        // GIVEN a class whose last run died while grading killer (its marker is left), so zed was never graded
        Path classDir = classOf("anna", "killer", "zed");
        Path results = Files.createDirectories(classDir.resolve(".alloclab-results"));
        Files.writeString(results.resolve("killer.grading"), "{\"grading\": \"killer\", \"alone\": true}");

        // WHEN the class is graded again, and killer's code ends the run again
        StandIn again = new StandIn();
        again.kills = name -> name.equals("killer");
        List<String> gradebookWhenKillerStarts = new ArrayList<>();
        again.onStart = name -> {
            if (name.equals("killer")) {
                gradebookWhenKillerStarts.addAll(lines(classDir.resolve("gradebook.csv")));
            }
        };
        Run second = gradeAll(again, classDir, "--jobs", "2");

        // THEN it said first whom the last run stopped at, graded everyone else before it, and wrote their grades
        // (and a row naming killer) to the gradebook before killer's code ran
        assertThat(second.exit()).isNotZero();
        assertThat(second.err()).startsWith("grade-all: the last run stopped while grading killer: graded last, one at "
                + "a time");
        assertThat(again.order).hasSize(3).endsWith("killer");
        assertThat(gradebookWhenKillerStarts).hasSize(4);
        assertThat(gradebookWhenKillerStarts.get(1)).isEqualTo("anna,6,6,6,");
        assertThat(gradebookWhenKillerStarts.get(2)).startsWith("killer,0,0,6,\"not graded: a grade-all run stopped while "
                + "grading this submission, and so did the next one");
        assertThat(gradebookWhenKillerStarts.get(3)).isEqualTo("zed,6,6,6,");
        assertThat(lines(classDir.resolve("gradebook.csv"))).isEqualTo(gradebookWhenKillerStarts);

        // AND once killer's code no longer ends the run, it is graded, last, with a note, and its marker is gone
        StandIn fixed = new StandIn();
        Run third = gradeAll(fixed, classDir, "--jobs", "2");
        assertThat(third.exit()).as(third.err()).isZero();
        assertThat(fixed.order).containsExactly("killer");
        assertThat(row(classDir, "killer")).isEqualTo("killer,6,6,6,graded last and alone: the last grade-all run stopped "
                + "while grading it (its code may end the grader's process; see docs/instructors.md)");
        assertThat(third.out()).contains("2 kept from the last run", "The last run stopped while grading killer: "
                + "graded last and alone");
        assertThat(results.resolve("killer.grading")).doesNotExist();
        assertThat(gradeAll(new StandIn(), classDir, "--jobs", "2").out()).contains("0 graded now, 3 kept")
                .doesNotContain("stopped while grading");
    }

    @Test
    void of_the_submissions_a_dead_run_left_those_it_graded_alone_come_last() throws IOException {
        // GIVEN markers a dead run left: bo was graded beside another, ada (graded alone) surely ended it
        Path classDir = classOf("ada", "bo", "cy");
        Path results = Files.createDirectories(classDir.resolve(".alloclab-results"));
        Files.writeString(results.resolve("ada.grading"), "{\"grading\": \"ada\", \"alone\": true}");
        Files.writeString(results.resolve("bo.grading"), "{\"grading\": \"bo\", \"alone\": false}");
        Files.writeString(results.resolve("gone.grading"), "{\"grading\": \"gone\", \"alone\": true}");

        // WHEN the class is graded
        StandIn grader = new StandIn();
        Run run = gradeAll(grader, classDir, "--jobs", "1");

        // THEN cy comes first, then bo, then ada; a marker of a student no longer in the folder is dropped
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(grader.order).containsExactly("cy", "bo", "ada");
        assertThat(run.err()).contains("the last run stopped while grading bo, ada");
        try (var left = Files.list(results)) {
            assertThat(left.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".grading"));
        }
    }

    /** A killed grader's exit status. */
    private static final int KILLED = 137;

    private record Run(int exit, String out, String err) {
    }

    private Run gradeAll(StandIn grader, Path classDir, String... options) throws IOException {
        Path rubric = temp.resolve("rubric.json");
        if (!Files.exists(rubric)) {
            Files.writeString(rubric, RUBRIC);
        }
        GradeAllCommand command = new GradeAllCommand();
        command.grading = grader;
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        List<String> args = new ArrayList<>(List.of(classDir.toString(), "--rubric", rubric.toString()));
        args.addAll(List.of(options));
        int exit;
        try {
            exit = new CommandLine(command).setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true))
                    .setExecutionExceptionHandler((e, line, parsed) -> {
                        for (Throwable t = e; t != null; t = t.getCause()) {
                            if (t instanceof ProcessEnded) {
                                return KILLED; // from a grading thread of the pool
                            }
                        }
                        throw e;
                    })
                    .execute(args.toArray(String[]::new));
        } catch (ProcessEnded ended) {
            exit = KILLED; // from a grading on the command's own thread
        }
        return new Run(exit, out.toString(), err.toString());
    }

    private Path classOf(String... students) throws IOException {
        return TinyClassFolder.write(temp, students);
    }

    private static String row(Path classDir, String student) {
        return lines(classDir.resolve("gradebook.csv")).stream().filter(r -> r.startsWith(student + ","))
                .findFirst().orElseThrow(() -> new AssertionError("no row for " + student));
    }

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
