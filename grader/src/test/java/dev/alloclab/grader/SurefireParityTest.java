package dev.alloclab.grader;

import static dev.alloclab.grader.BugCollectionTest.grade;
import static dev.alloclab.grader.BugCollectionTest.part;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The grader compiles and runs a student's code the way {@code mvn test} (javac, Surefire) does, so that a test red
 * or green there is red or green in the grade too (QA parity, findings 3, 5, 7 and 8). Each submission is the solutions with
 * one own test of bump changed; what it expects comes from Surefire's documented behaviour, not from a run.
 */
class SurefireParityTest {
    private static final String BUMP_TEST = "src/test/java/dev/alloclab/exercises/bump/BumpAllocatorStudentTest.java";

    @TempDir
    Path temp;

    @Test
    void a_failing_assert_in_an_own_test_fails_as_it_does_under_surefire() {
        // GIVEN an own test whose only check is a Java assert that is wrong (a 5-byte block's usable size is 8)
        Path submission = KitSubmissions.copyOfSolutions(temp, "asserter");
        KitSubmissions.write(submission, BUMP_TEST, """
                package dev.alloclab.exercises.bump;

                import static org.assertj.core.api.Assertions.assertThat;

                import dev.alloclab.core.memory.HeapBytes;
                import org.junit.jupiter.api.Test;

                class BumpAllocatorStudentTest {
                    @Test
                    void usable_size_of_a_small_block() {
                        BumpAllocator bump = new BumpAllocator(HeapBytes.withMax(256));
                        int index = bump.alloc(5);
                        assert bump.usableSize(index) == 5 : "usable size should be what was asked";
                    }

                    @Test
                    void two_allocs_do_not_overlap() {
                        BumpAllocator bump = new BumpAllocator(HeapBytes.withMax(256));
                        assertThat(bump.alloc(5)).isLessThan(bump.alloc(20));
                    }
                }
                """);
        // WHEN bump is graded
        ExerciseGrade bump = gradeBump(submission);
        // THEN the test fails with the assert's message, as it does under mvn test (Surefire enables assertions)
        assertThat(part(bump, "coverage").details()).as("bump coverage details")
                .anySatisfy(d -> assertThat(d).contains("usable_size_of_a_small_block", "AssertionError",
                        "usable size should be what was asked"))
                .noneSatisfy(d -> assertThat(d).contains("two_allocs_do_not_overlap"));
    }

    @Test
    void own_tests_read_files_by_their_project_path_and_basedir_as_under_surefire_but_never_write_the_submission() {
        // GIVEN own tests that read a case file by its path from the project folder, by basedir, and write a file
        Path submission = KitSubmissions.copyOfSolutions(temp, "reader");
        KitSubmissions.write(submission, "src/test/resources/cases.txt", "24 24\n");
        KitSubmissions.write(submission, BUMP_TEST, """
                package dev.alloclab.exercises.bump;

                import static org.assertj.core.api.Assertions.assertThat;

                import dev.alloclab.core.memory.HeapBytes;
                import java.io.File;
                import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
                import java.nio.file.Path;
                import org.junit.jupiter.api.Test;

                class BumpAllocatorStudentTest {
                    @Test
                    void usable_sizes_from_a_case_file() throws Exception {
                        String line = Files.readString(new File("src/test/resources/cases.txt").toPath()).trim();
                        BumpAllocator bump = new BumpAllocator(HeapBytes.withMax(256));
                        assertThat(bump.usableSize(bump.alloc(Integer.parseInt(line.split(" ")[0])))).isEqualTo(24);
                    }

                    @Test
                    void cases_file_under_basedir() throws Exception {
                        Path base = Path.of(System.getProperty("basedir"));
                        assertThat(Files.readString(base.resolve("src/test/resources/cases.txt")).trim()).isEqualTo("24 24");
                    }

                    @Test
                    void writes_next_to_its_data() throws Exception {
                        Files.writeString(Path.of("src/test/resources/written.txt"), "scribbled");
                        Files.writeString(Path.of("src/main/java/dev/alloclab/exercises/bump/BumpAllocator.java"), "x");
                    }
                }
                """);
        // WHEN bump is graded
        ExerciseGrade bump = gradeBump(submission);
        // THEN every own test passed: relative paths and basedir resolve from a copy of the project
        assertThat(part(bump, "coverage").details()).as("bump coverage details")
                .noneSatisfy(d -> assertThat(d).contains("of your own tests failed"));
        // AND what the tests wrote went into that copy, not into the submission (grade-all keys results by its hash)
        assertThat(submission.resolve("src/test/resources/written.txt")).doesNotExist();
        assertThat(submission.resolve("src/main/java/dev/alloclab/exercises/bump/BumpAllocator.java"))
                .content().contains("class BumpAllocator");
    }

    @Test
    void an_own_test_that_misses_a_file_outside_src_is_told_to_read_test_data_from_the_class_path() throws Exception {
        // GIVEN an own test that reads data/cases.txt, a folder beside src/ (green under mvn test)
        Path submission = KitSubmissions.copyOfSolutions(temp, "outside");
        Files.createDirectories(submission.resolve("data"));
        Files.writeString(submission.resolve("data/cases.txt"), "24 24\n");
        KitSubmissions.write(submission, BUMP_TEST, """
                package dev.alloclab.exercises.bump;

                import static org.assertj.core.api.Assertions.assertThat;

                import dev.alloclab.core.memory.HeapBytes;
                import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
                import java.nio.file.Path;
                import org.junit.jupiter.api.Test;

                class BumpAllocatorStudentTest {
                    @Test
                    void usable_sizes_from_a_case_file() throws Exception {
                        assertThat(Files.readString(Path.of("data/cases.txt")).trim()).isEqualTo("24 24");
                    }

                    @Test
                    void two_allocs_do_not_overlap() {
                        BumpAllocator bump = new BumpAllocator(HeapBytes.withMax(256));
                        assertThat(bump.alloc(5)).isLessThan(bump.alloc(20));
                    }
                }
                """);
        // WHEN bump is graded
        ExerciseGrade bump = gradeBump(submission);
        // THEN the failure is listed, and a line under it says why the file is missing and where to put it
        assertThat(part(bump, "coverage").details()).as("bump coverage details")
                .anySatisfy(d -> assertThat(d).contains("usable_sizes_from_a_case_file", "NoSuchFileException"))
                .anySatisfy(d -> assertThat(d).contains("the grader runs your tests from a copy of your project's src/ "
                        + "folder", "read test data from the class path", "src/test/resources", "getResourceAsStream"));
    }

    @Test
    void a_latin1_comment_compiles_as_under_mvn_and_the_feedback_says_to_save_the_file_as_utf8() throws Exception {
        // GIVEN BumpAllocator.java saved as ISO-8859-1 with a German comment (what a Western Windows editor saves)
        Path submission = KitSubmissions.copyOfSolutions(temp, "latin1-comment");
        Path source = submission.resolve("src/main/java/dev/alloclab/exercises/bump/BumpAllocator.java");
        String text = Files.readString(source);
        Files.write(source, ("// R\u00fcckgabe: die Gr\u00f6\u00dfe in Bytes\n" + text).getBytes(StandardCharsets.ISO_8859_1));
        // WHEN bump is graded
        ExerciseGrade bump = gradeBump(submission);
        // THEN it compiles and earns every point, as mvn test (javac only warns) and check do
        assertThat(bump.score()).as("bump: %s", bump.feedback()).isEqualTo(bump.maxScore());
        // AND the feedback names the file, its bad bytes (0xFC, 0xF6, 0xDF on line 1) and what to do
        assertThat(bump.feedback()).anySatisfy(f -> assertThat(f).contains("BumpAllocator.java is not saved as UTF-8",
                "0xFC, 0xF6, 0xDF", "line 1", "'\\uFFFD'", "Save the file as UTF-8"));
    }

    @Test
    void a_latin1_string_literal_in_an_own_test_decodes_as_under_mvn_one_replacement_per_bad_byte() throws Exception {
        // GIVEN an own test saved as ISO-8859-1 whose string "Gr\u00f6\u00dfe" is 5 characters under mvn test too: each
        // bad byte becomes one U+FFFD
        Path submission = KitSubmissions.copyOfSolutions(temp, "latin1-literal");
        KitSubmissions.write(submission, BUMP_TEST, """
                package dev.alloclab.exercises.bump;

                import static org.assertj.core.api.Assertions.assertThat;

                import dev.alloclab.core.memory.HeapBytes;
                import org.junit.jupiter.api.Test;

                class BumpAllocatorStudentTest {
                    @Test
                    void a_name_with_umlauts() {
                        assertThat("Gr\u00f6\u00dfe".length()).isEqualTo(5);
                        assertThat("Gr\u00f6\u00dfe").isEqualTo("Gr\\uFFFD\\uFFFDe");
                    }

                    @Test
                    void two_allocs_do_not_overlap() {
                        BumpAllocator bump = new BumpAllocator(HeapBytes.withMax(256));
                        assertThat(bump.alloc(5)).isLessThan(bump.alloc(20));
                        assertThat(bump.usableSize(bump.alloc(24))).isEqualTo(24);
                        bump.reset();
                        assertThat(bump.regions()).isNotEmpty();
                    }
                }
                """.getBytes(StandardCharsets.ISO_8859_1));
        // WHEN bump is graded
        ExerciseGrade bump = gradeBump(submission);
        // THEN the own tests compile and pass (coverage is measured, no own test failed)
        assertThat(part(bump, "coverage").summary()).as("bump: %s", bump.feedback()).doesNotContain("do not compile");
        assertThat(part(bump, "coverage").details()).noneSatisfy(d -> assertThat(d).contains("of your own tests failed"));
        // AND the feedback names the test file and its bytes
        assertThat(bump.feedback()).anySatisfy(f -> assertThat(f).contains(
                "BumpAllocatorStudentTest.java is not saved as UTF-8", "0xF6, 0xDF"));
    }

    @Test
    void own_tests_in_a_class_named_studenttests_are_named_as_not_counted_in_the_grade() {
        // GIVEN bump solved, the starter's example test untouched, and the student's tests in BumpAllocatorStudentTests, which
        // Surefire's *Tests pattern runs under mvn test
        Path submission = temp.resolve("tests-suffix");
        KitSubmissions.copyTree(KitSubmissions.kitFolder("exercises").resolve("src"), submission.resolve("src"));
        KitSubmissions.deleteTree(submission.resolve("src/main"));
        KitSubmissions.copyTree(KitSubmissions.kitFolder("solutions").resolve("src/main"), submission.resolve("src/main"));
        KitSubmissions.write(submission, BUMP_TEST.replace("StudentTest.java", "StudentTests.java"), """
                package dev.alloclab.exercises.bump;

                import static org.assertj.core.api.Assertions.assertThat;

                import dev.alloclab.core.memory.HeapBytes;
                import org.junit.jupiter.api.Test;

                class BumpAllocatorStudentTests {
                    @Test
                    void two_allocs_do_not_overlap() {
                        BumpAllocator bump = new BumpAllocator(HeapBytes.withMax(256));
                        assertThat(bump.alloc(5)).isLessThan(bump.alloc(20));
                    }
                }
                """);
        // WHEN bump is graded
        ExerciseGrade bump = gradeBump(submission);
        // THEN the feedback names the file that was not counted, the rule and what to do
        assertThat(bump.feedback()).anySatisfy(f -> assertThat(f).contains(
                "not counted for coverage: BumpAllocatorStudentTests.java", "only classes whose name ends in StudentTest",
                "Rename it to end in StudentTest"));
    }

    @Test
    void own_tests_junit_skips_or_will_not_run_are_named_with_the_reason() {
        // GIVEN bump solved with own tests: one that works, one @Disabled, one private (JUnit warns and skips it)
        // (QA owntests27 findings 7 and 11: the grade said nothing of either)
        Path submission = temp.resolve("skipped-own-tests");
        KitSubmissions.copyTree(KitSubmissions.kitFolder("solutions").resolve("src"), submission.resolve("src"));
        KitSubmissions.write(submission, BUMP_TEST, """
                package dev.alloclab.exercises.bump;

                import static org.assertj.core.api.Assertions.assertThat;

                import dev.alloclab.core.memory.HeapBytes;
                import org.junit.jupiter.api.Disabled;
                import org.junit.jupiter.api.Test;

                class BumpAllocatorStudentTest {
                    @Test
                    void two_allocs_do_not_overlap() {
                        BumpAllocator bump = new BumpAllocator(HeapBytes.withMax(256));
                        assertThat(bump.alloc(5)).isLessThan(bump.alloc(20));
                    }

                    @Test
                    @Disabled("work in progress")
                    void later() {
                    }

                    @Test
                    private void hidden_away() {
                    }
                }
                """);
        // WHEN bump is graded
        ExerciseGrade bump = gradeBump(submission);
        // THEN the coverage part names both and why they did not run
        assertThat(part(bump, "coverage").details()).as("bump: %s", bump.feedback())
                .contains("2 of your own tests did not run, so they cover nothing:")
                .anySatisfy(line -> assertThat(line).contains("later()", "work in progress"))
                .anySatisfy(line -> assertThat(line).contains("hidden_away()", "JUnit does not run it", "must not be private"));
    }

    /** Grades bump alone in {@code submission}, with the default exercise limit. */
    private static ExerciseGrade gradeBump(Path submission) {
        return grade(Grader.grade(submission, KitSubmissions.rubricFor(20, "bump")), "bump");
    }
}
