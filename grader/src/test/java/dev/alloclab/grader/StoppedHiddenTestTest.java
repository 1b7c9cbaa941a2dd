package dev.alloclab.grader;

import static dev.alloclab.grader.BugCollectionTest.grade;
import static dev.alloclab.grader.BugCollectionTest.part;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A test stuck in an endless loop costs that test, not the exercise (QA fairness finding 5): each hidden test, and
 * each of the student's own, has a limit of its own (half the exercise's), the tests that ended keep their outcomes, the exercise's limit is the
 * backstop, and the exercises after a stuck test run in a fresh grading JVM, never beside its spinning thread.
 */
class StoppedHiddenTestTest {
    /** Each hidden test gets half: 6 s. */
    private static final int TIMEOUT = 12;
    private static final String TEST = "src/test/java/dev/alloclab/exercises/";

    @TempDir
    Path temp;

    /** Bump's own tests: one that works, and {@code more} (methods) beside it. */
    private static String bumpTestsBeside(String more) {
        return """
                package dev.alloclab.exercises.bump;
                import static org.assertj.core.api.Assertions.assertThat;
                import dev.alloclab.core.memory.HeapBytes;
                class BumpAllocatorStudentTest {
                    @org.junit.jupiter.api.Test
                    void two_blocks_do_not_overlap() {
                        BumpAllocator bump = new BumpAllocator(HeapBytes.withMax(256));
                        assertThat(bump.alloc(8)).isNotEqualTo(bump.alloc(8));
                    }

                """ + more + "}\n";
    }

    private static String readString(Path file) {
        try {
            return java.nio.file.Files.readString(file);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void an_endless_loop_in_hidden_tests_costs_only_those_tests_and_the_next_exercise_runs_in_a_fresh_jvm() {
        // GIVEN the solutions, where bump's alloc(0) spins for ever (one hidden test asks for it)
        Path submission = KitSubmissions.copyOfSolutions(temp, "stuck");
        spinOnAllocZero(submission);
        // and buddy's merge loop spins whenever a freed block's buddy is in use (QA's b-buddy-loop: continue, not break),
        KitSubmissions.patch(submission, "buddy/BuddyAllocator.java",
                "while (size < arenaBytes && freeBlocks.get(orderOf(size)).remove(buddyOf(offset, size))) {",
                "while (size < arenaBytes) {\n            if (!freeBlocks.get(orderOf(size)).remove(buddyOf(offset, size))) { continue; }");
        // with, as buddy's own test, one that fails when the thread of a stopped hidden test is still alive in its JVM
        // (Thread.enumerate: stack inspection would withhold the coverage part, where own failures are listed)
        KitSubmissions.deleteTree(submission.resolve(TEST + "buddy"));
        KitSubmissions.write(submission, TEST + "buddy/NothingSpinsStudentTest.java", """
                package dev.alloclab.exercises.buddy;
                import static org.assertj.core.api.Assertions.assertThat;
                class NothingSpinsStudentTest {
                    @org.junit.jupiter.api.Test
                    void no_thread_of_an_earlier_exercise_still_runs_here() {
                        Thread[] threads = new Thread[Thread.activeCount() + 64];
                        int count = Thread.enumerate(threads);
                        // this test runs on a timeout thread of its own (the per-test limit): only others count
                        assertThat(java.util.Arrays.asList(threads).subList(0, count)).filteredOn(t -> t != Thread.currentThread())
                                .extracting(Thread::getName)
                                .as("the thread a hidden test of bump's was stopped on")
                                .noneMatch(name -> name.startsWith("junit-timeout-thread"));
                        assertThat(new BuddyAllocator(dev.alloclab.core.memory.HeapBytes.withMax(1 << 12), 1024).alloc(8)).isNotNegative();
                    }
                }
                """);
        // WHEN both are graded
        GradeReport report = Grader.grade(submission, KitSubmissions.rubricFor(TIMEOUT, "bump", "buddy"));
        // THEN bump loses only the test that spun, which its own limit stopped
        ExerciseGrade bump = grade(report, "bump");
        PartGrade bumpHidden = part(bump, "hidden");
        assertThat(bump.status()).as("bump: %s", bump.feedback()).isEqualTo(ExerciseGrade.GRADED);
        assertThat(bumpHidden.summary()).isEqualTo("3/4 hidden tests passed");
        // (with the line of the student's code it was stuck in, as check says it)
        assertThat(bumpHidden.details()).singleElement().asString().matches("failed: BumpHiddenTest > "
                + "zero_negative_and_too_large_requests\\(\\) — stopped after 6 s: your code did not return \\(an endless "
                + "loop, a deadlock, or far too slow\\) \\(it was in BumpAllocator\\.\\w+ \\(BumpAllocator\\.java:\\d+\\)\\)");
        // AND buddy ran in a fresh grading JVM: its own test saw no spinning thread of bump's
        ExerciseGrade buddy = grade(report, "buddy");
        assertThat(part(buddy, "coverage").details()).as("buddy's own tests: %s", buddy.feedback()).isEmpty();
        // AND buddy keeps the hidden tests that passed: the first stuck test failed at its own limit, the second when
        // the exercise's limit (the backstop) ran out, and the two after it (in Jupiter's order) never ran
        PartGrade buddyHidden = part(buddy, "hidden");
        assertThat(buddy.status()).as("buddy: %s", buddy.feedback()).isEqualTo(ExerciseGrade.GRADED);
        assertThat(buddyHidden.summary()).isEqualTo("2/6 hidden tests passed");
        assertThat(buddyHidden.score()).isCloseTo(buddyHidden.maxScore() / 3, org.assertj.core.data.Offset.offset(0.01));
        assertThat(buddyHidden.details()).satisfiesExactly(
                first -> assertThat(first).matches("failed: BuddyHiddenTest > freeing_merges_buddies_back_into_the_arena"
                        + "\\(\\) — stopped after 6 s: your code did not return \\(an endless loop, a deadlock, or far too "
                        + "slow\\) \\(it was in BuddyAllocator\\.\\w+ \\(BuddyAllocator\\.java:\\d+\\)\\)"),
                second -> assertThat(second).isEqualTo("failed: BuddyHiddenTest > "
                        + "random_workout_stays_inside_the_arena_and_merges_fully() — stopped after 12 s, the exercise's "
                        + "time limit: your code did not return (an endless loop, a deadlock, or far too slow)"),
                third -> assertThat(third).isEqualTo("failed: BuddyHiddenTest > "
                        + "edge_requests_alloc_zero_dealloc_null_and_sizes_close_to_integer_max_value() — never ran: the "
                        + "exercise's 12 s ran out before it started"),
                fourth -> assertThat(fourth).isEqualTo("failed: BuddyHiddenTest > lowest_offset_first_and_null_when_full() "
                        + "— never ran: the exercise's 12 s ran out before it started"));
    }

    @Test
    void an_endless_loop_in_the_students_own_test_costs_only_that_test() {
        // GIVEN the solutions, where bump's own test file has a test that spins for ever beside one that works
        Path submission = KitSubmissions.copyOfSolutions(temp, "own-test-spins");
        KitSubmissions.write(submission, TEST + "bump/BumpAllocatorStudentTest.java", bumpTestsBeside("""
                    @org.junit.jupiter.api.Test
                    void waits_for_ever() {
                        long spins = 0;
                        while (spins >= 0) {
                            spins++;
                        }
                    }
                """));
        // WHEN it is graded
        ExerciseGrade bump = grade(Grader.grade(submission, KitSubmissions.rubricFor(TIMEOUT, "bump")), "bump");
        // THEN the hidden tests keep their points, coverage is measured, and the spinning test is listed as stopped
        assertThat(bump.status()).as("bump: %s", bump.feedback()).isEqualTo(ExerciseGrade.GRADED);
        assertThat(part(bump, "hidden").score()).isEqualTo(part(bump, "hidden").maxScore());
        assertThat(part(bump, "coverage").score()).isPositive();
        assertThat(part(bump, "coverage").details()).anyMatch(line -> line.contains("waits_for_ever")
                && line.contains("stopped after 6 s"));
    }

    @Test
    void an_own_jqwik_property_or_a_longer_own_timeout_is_stopped_at_the_tests_limit_like_any_own_test() {
        // GIVEN the solutions, where bump's own tests hold a working test, a jqwik property that spins (jqwik has no
        // time limit of its own) and, in scope, a test whose own @Timeout(60) is longer than the 6 s a test may take
        // (QA owntests27 finding 1: each ran into the exercise's limit and cost every coverage point)
        Path submission = KitSubmissions.copyOfSolutions(temp, "own-property-spins");
        KitSubmissions.write(submission, TEST + "bump/BumpAllocatorStudentTest.java", bumpTestsBeside("""
                    @net.jqwik.api.Property(tries = 5)
                    void spins_for_ever(@net.jqwik.api.ForAll int size) {
                        long spins = 0;
                        while (spins >= 0) {
                            spins++;
                        }
                    }
                """));
        Path scopeTest = submission.resolve(TEST + "scope/OwnedBlockStudentTest.java");
        String scopeTests = readString(scopeTest);
        assertThat(scopeTests).contains("class OwnedBlockStudentTest {");
        KitSubmissions.write(submission, TEST + "scope/OwnedBlockStudentTest.java", scopeTests.replace(
                "class OwnedBlockStudentTest {", "class OwnedBlockStudentTest {\n"
                        + "    @org.junit.jupiter.api.Test @org.junit.jupiter.api.Timeout(60)\n"
                        + "    void waits_long() throws InterruptedException { Thread.sleep(60_000); }\n"));
        // WHEN bump and scope are graded
        GradeReport report = Grader.grade(submission, KitSubmissions.rubricFor(TIMEOUT, "bump", "scope"));
        // THEN each keeps its hidden points and its coverage, and the stopped test is listed with the test's limit
        for (String id : List.of("bump", "scope")) {
            ExerciseGrade exercise = grade(report, id);
            assertThat(exercise.status()).as("%s: %s", id, exercise.feedback()).isEqualTo(ExerciseGrade.GRADED);
            assertThat(part(exercise, "hidden").score()).as(id).isEqualTo(part(exercise, "hidden").maxScore());
            assertThat(part(exercise, "coverage").score()).as("%s: %s", id, exercise.feedback()).isPositive();
        }
        assertThat(part(grade(report, "bump"), "coverage").details()).anyMatch(line -> line.contains("spins for ever")
                && line.contains("stopped after 6 s: your code did not return"));
        assertThat(part(grade(report, "scope"), "coverage").details()).anyMatch(line -> line.contains("waits_long")
                && line.contains("stopped after 6 s"));
    }

    @Test
    void own_tests_that_use_the_whole_time_limit_cost_their_coverage_and_never_the_hidden_points() {
        // GIVEN the solutions, where bump's own tests are correct but slow: three of 5 s each, under the 6 s a test
        // may take but together past the exercise's 12 s (QA parity finding 4: green under mvn test, and the
        // exercise was stopped before its hidden suite started)
        Path submission = KitSubmissions.copyOfSolutions(temp, "own-tests-slow");
        KitSubmissions.write(submission, TEST + "bump/BumpAllocatorStudentTest.java", """
                package dev.alloclab.exercises.bump;
                import static org.assertj.core.api.Assertions.assertThat;
                import dev.alloclab.core.memory.HeapBytes;
                class BumpAllocatorStudentTest {
                    private static void slowly() throws InterruptedException {
                        Thread.sleep(5_000);
                    }

                    @org.junit.jupiter.api.Test
                    void first() throws InterruptedException {
                        slowly();
                        assertThat(new BumpAllocator(HeapBytes.withMax(256)).alloc(8)).isNotNegative();
                    }

                    @org.junit.jupiter.api.Test
                    void second() throws InterruptedException {
                        slowly();
                        assertThat(new BumpAllocator(HeapBytes.withMax(256)).alloc(16)).isNotNegative();
                    }

                    @org.junit.jupiter.api.Test
                    void third() throws InterruptedException {
                        slowly();
                        assertThat(new BumpAllocator(HeapBytes.withMax(256)).alloc(24)).isNotNegative();
                    }
                }
                """);
        // WHEN bump and buddy (the exercise after it) are graded
        GradeReport report = Grader.grade(submission, KitSubmissions.rubricFor(TIMEOUT, "bump", "buddy"));
        // THEN bump's hidden suite ran on its own afterwards and kept every point
        ExerciseGrade bump = grade(report, "bump");
        assertThat(bump.status()).as("bump: %s", bump.feedback()).isEqualTo(ExerciseGrade.GRADED);
        assertThat(part(bump, "hidden").summary()).isEqualTo("4/4 hidden tests passed");
        assertThat(part(bump, "hidden").score()).isEqualTo(part(bump, "hidden").maxScore());
        // AND only the coverage its tests could not show is lost, with a sentence saying why and what to do
        assertThat(part(bump, "coverage").score()).isZero();
        assertThat(part(bump, "coverage").summary()).isEqualTo("not measured: your own tests ran past the exercise's "
                + "time limit");
        assertThat(bump.feedback()).anyMatch(line -> line.startsWith("your own tests took the exercise's whole time "
                + "limit of 12 s (stopped in BumpAllocatorStudentTest > third())")
                && line.contains("the hidden tests keep their points") && line.contains("each may take 6 s"));
        // AND the exercise after it is graded as usual
        ExerciseGrade buddy = grade(report, "buddy");
        assertThat(buddy.status()).as("buddy: %s", buddy.feedback()).isEqualTo(ExerciseGrade.GRADED);
        assertThat(buddy.score()).isEqualTo(buddy.maxScore());
    }

    @Test
    void own_tests_stopped_by_code_that_does_not_return_keep_the_hidden_tests_that_pass_and_say_the_code_was_stopped() {
        // GIVEN the solutions, where bump's alloc(0) spins for ever (one hidden test asks for it), and two own tests
        // that ask for it too: each is stopped at its 6 s, and together they use up the exercise's 12 s
        Path submission = KitSubmissions.copyOfSolutions(temp, "own-tests-meet-a-loop");
        spinOnAllocZero(submission);
        KitSubmissions.write(submission, TEST + "bump/BumpAllocatorStudentTest.java", """
                package dev.alloclab.exercises.bump;
                import static org.assertj.core.api.Assertions.assertThat;
                import dev.alloclab.core.memory.HeapBytes;
                class BumpAllocatorStudentTest {
                    @org.junit.jupiter.api.Test
                    void zero_is_null() {
                        assertThat(new BumpAllocator(HeapBytes.withMax(256)).alloc(0)).isEqualTo(-1);
                    }

                    @org.junit.jupiter.api.Test
                    void zero_is_still_null() {
                        assertThat(new BumpAllocator(HeapBytes.withMax(512)).alloc(0)).isEqualTo(-1);
                    }
                }
                """);
        // WHEN it is graded
        ExerciseGrade bump = grade(Grader.grade(submission, KitSubmissions.rubricFor(TIMEOUT, "bump")), "bump");
        // THEN the hidden tests that pass keep their points, the one that spins is stopped, and the sentence says that
        // the code itself did not return, not only that the tests were slow
        assertThat(bump.status()).as("bump: %s", bump.feedback()).isEqualTo(ExerciseGrade.GRADED);
        assertThat(part(bump, "hidden").summary()).isEqualTo("3/4 hidden tests passed");
        assertThat(part(bump, "coverage").score()).isZero();
        assertThat(bump.feedback()).anyMatch(line -> line.startsWith("your own tests took the exercise's whole time "
                + "limit of 12 s") && line.contains("some of those were stopped by a time limit too, so your code "
                + "itself is too slow or does not return"));
    }

    @Test
    void own_tests_that_end_just_in_time_but_leave_the_hidden_suite_too_little_of_the_limit_cost_no_hidden_point() {
        // GIVEN the solutions, where making a bump allocator takes a second (the hidden suite makes six: about 6 s
        // alone, under the exercise's 12 s), and bump's own tests end after about 8 s: correct, each under its 6 s, but
        // leaving the hidden suite 4 s (QA edge23 H1: three tests of 6.2 s cost segregated-fits 12 of 18 points)
        Path submission = KitSubmissions.copyOfSolutions(temp, "own-tests-nearly-slow");
        KitSubmissions.patch(submission, "bump/BumpAllocator.java", "this.heap = Checks.notNull(heap, \"heap\");",
                "this.heap = Checks.notNull(heap, \"heap\");\n        try {\n            Thread.sleep(1_000);\n"
                        + "        } catch (InterruptedException stopped) {\n            Thread.currentThread().interrupt();\n        }");
        KitSubmissions.write(submission, TEST + "bump/BumpAllocatorStudentTest.java", ownTestsSettingUpFor(7_000));
        // WHEN it is graded
        ExerciseGrade bump = grade(Grader.grade(submission, KitSubmissions.rubricFor(TIMEOUT, "bump")), "bump");
        // THEN the hidden suite ran again on its own with the whole limit and kept every point, the own tests' coverage
        // counts (they ended), and the sentence says what happened and what to do
        assertThat(bump.status()).as("bump: %s", bump.feedback()).isEqualTo(ExerciseGrade.GRADED);
        assertThat(part(bump, "hidden").summary()).as("bump: %s", bump.feedback()).isEqualTo("4/4 hidden tests passed");
        assertThat(part(bump, "coverage").score()).isPositive();
        assertThat(bump.feedback()).anyMatch(line -> line.matches("your own tests took \\d+\\.\\d s of the exercise's "
                + "time limit of 12 s and left the grader's tests too little of it, so the grader ran those again on "
                + "their own, with the whole limit: they keep their points\\. Make your tests faster.*"));
    }

    @Test
    void a_blocking_set_up_of_the_own_tests_is_named_where_the_time_limit_stops_it() {
        // GIVEN the solutions, where bump's own test class sets up for longer than the exercise may take
        Path submission = KitSubmissions.copyOfSolutions(temp, "own-set-up-blocks");
        KitSubmissions.write(submission, TEST + "bump/BumpAllocatorStudentTest.java", ownTestsSettingUpFor(600_000));
        // WHEN it is graded
        ExerciseGrade bump = grade(Grader.grade(submission, KitSubmissions.rubricFor(TIMEOUT, "bump")), "bump");
        // THEN the hidden tests keep their points, and the sentence names the class whose set-up was running (a set-up
        // has no limit of its own, as under mvn test: the exercise's limit stops it)
        assertThat(part(bump, "hidden").summary()).as("bump: %s", bump.feedback()).isEqualTo("4/4 hidden tests passed");
        assertThat(bump.feedback()).anyMatch(line -> line.startsWith("your own tests took the exercise's whole time "
                + "limit of 12 s (stopped in BumpAllocatorStudentTest (its static set-up or @BeforeAll))"));
    }

    @Test
    void an_own_test_that_ends_the_grading_jvm_costs_its_coverage_and_never_the_hidden_points() {
        // GIVEN the solutions, where one of bump's own tests calls System.exit (an OutOfMemoryError under the grading
        // JVM's -Xmx, which mvn test's larger default heap never meets, ends it the same way)
        Path submission = KitSubmissions.copyOfSolutions(temp, "own-test-exits");
        KitSubmissions.write(submission, TEST + "bump/BumpAllocatorStudentTest.java", """
                package dev.alloclab.exercises.bump;
                import static org.assertj.core.api.Assertions.assertThat;
                import dev.alloclab.core.memory.HeapBytes;
                class BumpAllocatorStudentTest {
                    @org.junit.jupiter.api.Test
                    void leaves() {
                        assertThat(new BumpAllocator(HeapBytes.withMax(256)).alloc(8)).isNotNegative();
                        System.exit(0);
                    }
                }
                """);
        // WHEN bump and buddy (the exercise after it) are graded
        GradeReport report = Grader.grade(submission, KitSubmissions.rubricFor(TIMEOUT, "bump", "buddy"));
        // THEN bump's hidden suite ran on its own and kept every point; only the coverage is lost, and said why
        ExerciseGrade bump = grade(report, "bump");
        assertThat(bump.status()).as("bump: %s", bump.feedback()).isEqualTo(ExerciseGrade.GRADED);
        assertThat(part(bump, "hidden").summary()).isEqualTo("4/4 hidden tests passed");
        assertThat(part(bump, "coverage").score()).isZero();
        assertThat(part(bump, "coverage").summary()).isEqualTo("not measured: your own tests ended the grading JVM");
        assertThat(bump.feedback()).anyMatch(line -> line.startsWith("your own tests ended the grading JVM (the grading "
                + "JVM stopped with exit status 0 in student-test BumpAllocatorStudentTest > leaves()")
                && line.contains("the hidden tests keep their points"));
        // AND the exercise after it is graded as usual
        ExerciseGrade buddy = grade(report, "buddy");
        assertThat(buddy.score()).as("buddy: %s", buddy.feedback()).isEqualTo(buddy.maxScore());
    }

    /** bump's own test class: one quick, correct test, after a set-up ({@code @BeforeAll}) that sleeps {@code millis}. */
    private static String ownTestsSettingUpFor(long millis) {
        return """
                package dev.alloclab.exercises.bump;
                import static org.assertj.core.api.Assertions.assertThat;
                import dev.alloclab.core.memory.HeapBytes;
                class BumpAllocatorStudentTest {
                    @org.junit.jupiter.api.BeforeAll
                    static void setUp() throws InterruptedException {
                        Thread.sleep(%d);
                    }

                    @org.junit.jupiter.api.Test
                    void two_blocks_do_not_overlap() {
                        BumpAllocator bump = new BumpAllocator(HeapBytes.withMax(256));
                        assertThat(bump.alloc(8)).isNotEqualTo(bump.alloc(8));
                    }
                }
                """.formatted(millis);
    }

    /** Makes bump's alloc(0) spin for ever in {@code submission} (one hidden test of bump asks for it). */
    private static void spinOnAllocZero(Path submission) {
        KitSubmissions.patch(submission, "bump/BumpAllocator.java", "if (size == 0) {\n            return NULL;",
                "if (size == 0) {\n            long spins = 0; while (spins >= 0) { spins++; }\n            return NULL;");
    }
}
