package dev.alloclab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.alloclab.companion.Course;
import dev.alloclab.companion.GradingTimeLimit;
import dev.alloclab.companion.InProcessTests;
import dev.alloclab.companion.LearnerProject;
import dev.alloclab.companion.TestRunResult;
import dev.alloclab.core.course.Curriculum;
import dev.alloclab.grader.run.Limits;
import dev.alloclab.testing.KitRoot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * check, progress and watch on code that never returns. The "student's code" here is a visible test class added to
 * a starter copy whose test spins (no sleep, deaf to interrupts: an endless loop) until this test class releases
 * it through a system property, so that no spinning thread outlives the test.
 */
class CompanionTimeLimitTest {
    private static final String RELEASE = "alloclab.test.release-spinning-tests";

    @AfterEach
    void release_the_spinning_threads() {
        System.setProperty(RELEASE, "true");
    }

    /** A visible test class in {@code pkg} with one stuck Jupiter test and/or one stuck jqwik property. */
    private static void addStuckTests(Path project, String pkg, boolean jupiter, boolean jqwik) throws IOException {
        System.clearProperty(RELEASE);
        Path dir = project.resolve("src/test/java/dev/alloclab/exercises/" + pkg);
        String spin = "while (!Boolean.getBoolean(\"" + RELEASE + "\")) { Thread.onSpinWait(); }";
        Files.writeString(dir.resolve("StuckLoopTest.java"), "package dev.alloclab.exercises." + pkg + ";\n"
                + "class StuckLoopTest {\n"
                + (jupiter ? "  @org.junit.jupiter.api.Test void a_test_that_never_returns() { " + spin + " }\n"
                        + "  @org.junit.jupiter.api.Test void a_test_that_passes() { }\n" : "")
                + (jqwik ? "  @net.jqwik.api.Property(tries = 5) void a_property_that_never_returns(@net.jqwik.api.ForAll int x) { "
                        + spin + " }\n" : "")
                + "}\n");
    }

    private static Path starterWith(Path dir, String solvedPackage) throws IOException {
        Path project = CompanionCommandsTest.starter(dir);
        CompanionCommandsTest.copyTree(KitRoot.resolve("solutions/src/main/java/dev/alloclab/exercises/" + solvedPackage),
                project.resolve("src/main/java/dev/alloclab/exercises/" + solvedPackage));
        return project;
    }

    @Test
    @Timeout(value = 240, unit = TimeUnit.SECONDS)
    void check_stops_an_endless_jupiter_test_and_an_endless_jqwik_property_and_names_them(@TempDir Path dir)
            throws IOException {
        // GIVEN a solved bump whose visible tests include a test and a property that never return
        Path project = starterWith(dir, "bump");
        addStuckTests(project, "bump", true, true);
        // WHEN the student checks bump with a 1-second limit
        CommandLineRun run = CommandLineRun.of("check", "bump", "--timeout", "1", "--project", project.toString());
        // THEN the check ends, fails, and names both tests with the reason
        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(ExitCodes.CHECK_FAILED);
        assertThat(run.out()).contains("bump: FAIL:")
                .containsPattern("a_test_that_never_returns\\(\\): stopped after 1 s: your code did not return "
                        + "\\(an endless loop, a deadlock, or far too slow\\)")
                .containsPattern("a.property.that.never.returns[^\\n]*: stopped after \\d+ s: your code did not return")
                .doesNotContain("System.exit");
    }

    @Test
    @Timeout(value = 240, unit = TimeUnit.SECONDS)
    void without_timeout_the_grader_s_share_of_the_courses_limit_applies_and_is_named_and_an_explicit_one_wins(
            @TempDir Path dir) throws IOException {
        // GIVEN a solved bump with a test that never returns, in a starter whose course file gives 2 s per exercise
        Path project = starterWith(dir, "bump");
        addStuckTests(project, "bump", true, false);
        Files.writeString(project.resolve(Course.FILE), "timeoutSeconds=2\n");
        // WHEN the student checks bump without --timeout
        CommandLineRun run = CommandLineRun.of("check", "bump", "--project", project.toString());
        // THEN the test is stopped after 1 s, as the grader stops it (half the exercise's 2 s), and the first line
        // says so in those words
        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(ExitCodes.CHECK_FAILED);
        assertThat(run.out()).startsWith("time limit: 1 s per test (half of your course's 2 s per exercise, as the "
                        + "grader gives it; timeoutSeconds in " + Course.FILE + ", --timeout SECONDS overrides it)\n")
                .containsPattern("a_test_that_never_returns\\(\\): stopped after 1 s");
        // AND an explicit --timeout is each test's limit as given, without the line
        CommandLineRun explicit = CommandLineRun.of("check", "bump", "--timeout", "2", "--project", project.toString());
        assertThat(explicit.out()).doesNotContain("time limit:")
                .containsPattern("a_test_that_never_returns\\(\\): stopped after 2 s");
    }

    @ParameterizedTest(name = "a course of {0} s per exercise")
    @ValueSource(ints = {1, 2, 3, 20, 41, 600})
    void the_companion_gives_each_test_what_the_grader_gives_it_for_the_courses_limit(int exerciseSeconds,
            @TempDir Path project) throws IOException {
        // GIVEN a starter whose course file sets the limit of one exercise
        Files.writeString(project.resolve(Course.FILE), "timeoutSeconds=" + exerciseSeconds + "\n");
        // WHEN the companion picks each test's limit without --timeout
        TimeLimitOption.Limit limit = new TimeLimitOption().limit(project);
        // THEN it is the grader's limit of one test under that course's rubric, and the line names the course's
        assertThat(limit.duration()).isEqualTo(Duration.ofSeconds(new Limits(exerciseSeconds, 512, 64).hiddenTestSeconds()));
        assertThat(limit.note()).hasValueSatisfying(note -> assertThat(note)
                .startsWith("time limit: " + limit.duration().toSeconds() + " s per test (")
                .contains("your course's " + exerciseSeconds + " s per exercise"));
    }

    @Test
    void without_a_course_limit_the_companion_gives_each_test_what_the_grader_gives_it_by_default(@TempDir Path project) {
        // GIVEN a starter without a course file (a starter exported without --rubric)
        // WHEN the companion picks each test's limit without --timeout
        TimeLimitOption.Limit limit = new TimeLimitOption().limit(project);
        // THEN it is the grader's limit of one test under the default rubric (half its 20 s), with no line about it
        assertThat(limit.duration()).isEqualTo(Duration.ofSeconds(Limits.DEFAULT.hiddenTestSeconds())).hasSeconds(10);
        assertThat(limit.note()).isEmpty();
    }

    @Test
    void an_explicit_timeout_is_each_tests_limit_whatever_the_course_says(@TempDir Path project) throws IOException {
        // GIVEN a course of 40 s per exercise
        Files.writeString(project.resolve(Course.FILE), "timeoutSeconds=40\n");
        TimeLimitOption option = new TimeLimitOption();
        // WHEN the student passes --timeout 30
        option.timeoutSeconds = 30;
        // THEN each test gets 30 s, and no line claims the course chose it
        assertThat(option.limit(project).duration()).hasSeconds(30);
        assertThat(option.limit(project).note()).isEmpty();
    }

    @Test
    @Timeout(value = 240, unit = TimeUnit.SECONDS)
    void progress_reports_a_stuck_exercise_and_still_counts_the_others(@TempDir Path dir) throws IOException {
        // GIVEN bump solved, and a property that never returns among buddy's visible tests
        Path project = starterWith(dir, "bump");
        addStuckTests(project, "buddy", false, true);
        // WHEN progress runs every exercise's tests with a 1-second limit
        CommandLineRun run = CommandLineRun.of("progress", "--rerun", "--timeout", "1", "--project", project.toString());
        // THEN buddy has the stopped test as a failure, and the exercises after buddy were still counted
        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(ExitCodes.CHECK_FAILED);
        assertThat(run.out()).containsPattern("2 +bump +done")
                .containsPattern("6 +buddy +in progress +0 / 1 / \\d+")
                .containsPattern("7 +vec +not started +0 / 0 / [1-9]")
                .containsPattern("buddy:\\n +- a.property.that.never.returns[^\\n]*: stopped after \\d+ s");
    }

    @Test
    @Timeout(value = 240, unit = TimeUnit.SECONDS)
    void watch_starts_at_the_first_unfinished_exercise_without_running_the_later_ones(@TempDir Path dir)
            throws IOException {
        // GIVEN stack-frames untouched (the student is on exercise 1) and a loop in buddy (exercise 6)
        Path project = starterWith(dir, "bump");
        addStuckTests(project, "buddy", true, true);
        // WHEN watch's first run looks for where the student is
        TestRunResult first = new InProcessTests(LearnerProject.locate(project), Duration.ofSeconds(1))
                .runUntilUnfinished();
        // THEN it stopped after stack-frames: buddy never ran
        assertThat(first.progress().keySet()).containsExactly(Curriculum.named("stack-frames"));
    }

    @Test
    void own_tests_are_warned_past_half_of_the_exercises_limit_and_told_what_the_grade_does_past_all_of_it() {
        // 10 s of a 20-s exercise leaves the grader's tests as much: nothing to say
        assertThat(GradingTimeLimit.ownTestsNote(java.time.Duration.ofMillis(10_000), 20)).isEmpty();
        // past half: they may not fit on a busier machine
        assertThat(GradingTimeLimit.ownTestsNote(java.time.Duration.ofMillis(10_001), 20)).hasValueSatisfying(note ->
                assertThat(note).startsWith("note: your own tests took 10.0 s together; in the grade, an exercise's "
                        + "tests (yours and the grader's) share 20 s, and past that").contains("may not fit"));
        // past all of it: the grader would stop them
        assertThat(GradingTimeLimit.ownTestsNote(java.time.Duration.ofMillis(27_300), 20)).hasValueSatisfying(note ->
                assertThat(note).startsWith("note: your own tests took 27.3 s together;")
                        .contains("the grader would stop yours and their coverage would earn nothing")
                        .endsWith("Make them faster: smaller heaps and inputs, fewer tries in properties, no sleeps."));
    }
}
