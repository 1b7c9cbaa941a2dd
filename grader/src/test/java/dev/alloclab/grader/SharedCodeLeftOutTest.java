package dev.alloclab.grader;

import static dev.alloclab.grader.BugCollectionTest.grade;
import static org.assertj.core.api.Assertions.assertThat;

import dev.alloclab.export.StarterExporter;
import dev.alloclab.grader.report.Reports;
import dev.alloclab.grader.rubric.RubricLoader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A file outside the exercise packages that uses an exercise's classes is left out of the grade with a note, instead
 * of failing every exercise (QA session 21, parity findings 1 and 2: {@code mvn test} passed them, the grade gave
 * 0 / 100 and 80 / 100).
 */
class SharedCodeLeftOutTest {
    /** The QA's playground: the file students make to try their code from the IDE. */
    private static final String PLAYGROUND = """
            import dev.alloclab.core.memory.HeapBytes;
            import dev.alloclab.exercises.bump.BumpAllocator;
            import dev.alloclab.exercises.vec.IntVec;

            /** My playground: run it from the IDE to see what alloc returns. */
            public class Main {
                public static void main(String[] args) {
                    BumpAllocator bump = new BumpAllocator(HeapBytes.withMax(1024));
                    System.out.println(bump.alloc(5));
                    System.out.println(IntVec.class.getSimpleName());
                }
            }
            """;

    /** The QA's comparison of two exercises, in the package above them. */
    private static final String COMPARISON = """
            package dev.alloclab.exercises;

            import static org.assertj.core.api.Assertions.assertThat;

            import dev.alloclab.core.memory.HeapBytes;
            import dev.alloclab.exercises.bump.BumpAllocator;
            import dev.alloclab.exercises.implicitlist.ImplicitFreeListAllocator;
            import org.junit.jupiter.api.Test;

            /** My own comparison of two of my allocators. */
            class CompareAllocatorsTest {
                @Test
                void both_align_payloads() {
                    BumpAllocator bump = new BumpAllocator(HeapBytes.withMax(1024));
                    ImplicitFreeListAllocator implicit = new ImplicitFreeListAllocator(HeapBytes.withMax(1024));
                    assertThat(bump.alloc(5) % 8).isZero();
                    assertThat(implicit.alloc(5) % 8).isZero();
                }
            }
            """;

    @TempDir
    Path temp;

    @Test
    void a_playground_main_in_the_default_package_that_uses_two_exercises_costs_nothing_and_gets_a_note() {
        // GIVEN a solved starter with the QA's playground Main.java (default package, uses bump and vec)
        Path submission = solvedStarter("h3-default-package-main");
        KitSubmissions.write(submission, "src/main/java/Main.java", PLAYGROUND);
        // WHEN the whole submission is graded
        GradeReport report = Grader.grade(submission, RubricLoader.defaultRubric());
        // THEN it keeps full marks (it was 0 / 100: Main.java's errors were every exercise's)
        assertThat(report.score()).as(Reports.text(report)).isEqualTo(report.maxScore()).isEqualTo(100.0);
        // AND one note names the file, what it uses, why the grader left it out and what to do
        assertThat(report.notes()).contains("src/main/java/Main.java uses the exercises bump and vec: code outside the "
                + "exercise packages is compiled before any exercise, so it cannot use their classes (mvn test and your "
                + "IDE compile everything together, so they accept it); the grader left it out. Delete it, or split it "
                + "into one file per exercise, each in that exercise's package (an exercise's code may use only its own "
                + "package).");
    }

    @Test
    void a_test_comparing_two_exercises_outside_their_packages_costs_no_coverage_and_never_blames_the_starters_files() {
        // GIVEN a solved starter with the QA's CompareAllocatorsTest in dev.alloclab.exercises (the package of the
        // starter's test support's parent), which uses bump and implicit-list
        Path submission = solvedStarter("h8-test-compare");
        KitSubmissions.write(submission, "src/test/java/dev/alloclab/exercises/CompareAllocatorsTest.java", COMPARISON);
        // WHEN the whole submission is graded
        GradeReport report = Grader.grade(submission, RubricLoader.defaultRubric());
        String text = Reports.text(report);
        // THEN every exercise keeps its coverage points (it was 80 / 100)
        assertThat(report.score()).as(text).isEqualTo(100.0);
        // AND the starter's test support compiled: no error blames the kit's own untouched tests
        assertThat(text).doesNotContain("does not exist", "BumpAllocatorTest.java");
        // AND the note says which file was left out and that its tests did not run
        assertThat(report.notes()).contains("src/test/java/dev/alloclab/exercises/CompareAllocatorsTest.java uses the "
                + "exercises bump and implicit-list: test code outside the exercise packages is compiled before any "
                + "exercise, so it cannot use their classes (mvn test and your IDE compile everything together, so they "
                + "accept it); the grader left it out and did not run its tests. Delete it, or split it into one file per "
                + "exercise, each in that exercise's package (an exercise's code may use only its own package).");
    }

    @Test
    void a_students_test_saved_one_folder_too_high_with_its_exercises_package_line_costs_that_exercise_only() {
        // GIVEN a solved starter whose bump test was dropped one folder too high by an IDE: its package line still says
        // bump and it uses BumpAllocator without an import (QA windows27 H1: every exercise lost its coverage, 80 / 100)
        Path submission = solvedStarter("test-one-folder-up");
        Path test = submission.resolve("src/test/java/dev/alloclab/exercises/bump/BumpAllocatorStudentTest.java");
        String text = readString(test);
        assertThat(text).startsWith("package dev.alloclab.exercises.bump;").doesNotContain("import dev.alloclab.exercises");
        KitSubmissions.write(submission, "src/test/java/dev/alloclab/exercises/BumpAllocatorStudentTest.java", text);
        KitSubmissions.deleteTree(test);
        // WHEN the whole submission is graded
        GradeReport report = Grader.grade(submission, RubricLoader.defaultRubric());
        // THEN only bump's coverage is lost, the starter's test support compiled, and a note says where the file goes
        assertThat(report.score()).as(Reports.text(report)).isEqualTo(report.maxScore() - 2);
        assertThat(Reports.text(report)).doesNotContain("does not exist");
        assertThat(report.notes()).anyMatch(note -> note.startsWith("src/test/java/dev/alloclab/exercises/"
                + "BumpAllocatorStudentTest.java uses the exercise bump") && note.endsWith("Move it into "
                + "dev.alloclab.exercises.bump (src/test/java/dev/alloclab/exercises/bump/), or delete it."));
    }

    private static String readString(Path file) {
        try {
            return java.nio.file.Files.readString(file);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void an_exercise_whose_code_needs_a_left_out_shared_file_gets_the_compile_error_alone() {
        // GIVEN the solutions with a shared helper that uses bump, and a vec class that uses the helper
        Path submission = KitSubmissions.copyOfSolutions(temp, "needs-left-out");
        KitSubmissions.write(submission, "src/main/java/dev/alloclab/support/BumpDemo.java", """
                package dev.alloclab.support;

                import dev.alloclab.core.memory.HeapBytes;
                import dev.alloclab.exercises.bump.BumpAllocator;

                public final class BumpDemo {
                    private BumpDemo() { }
                    public static int firstIndex() { return new BumpAllocator(HeapBytes.withMax(64)).alloc(1); }
                }
                """);
        KitSubmissions.write(submission, "src/main/java/dev/alloclab/exercises/vec/VecDemo.java", """
                package dev.alloclab.exercises.vec;

                import dev.alloclab.support.BumpDemo;

                final class VecDemo {
                    private VecDemo() { }
                    static int first() { return BumpDemo.firstIndex(); }
                }
                """);
        // WHEN bump and vec are graded
        GradeReport report = Grader.grade(submission, KitSubmissions.rubricFor(60, "bump", "vec"));
        // THEN bump keeps its points: the helper's errors are not bump's
        ExerciseGrade bump = grade(report, "bump");
        assertThat(bump.score()).as(Reports.text(report)).isEqualTo(bump.maxScore());
        // AND vec, whose code needs the helper, is a compile error that says why the helper is missing
        ExerciseGrade vec = grade(report, "vec");
        assertThat(vec.status()).isEqualTo(ExerciseGrade.COMPILE_ERROR);
        assertThat(vec.feedback()).contains("  src/main/java/dev/alloclab/support/BumpDemo.java was left out of the "
                + "grade, and this exercise's code needs it: it uses the exercise bump, and code outside the exercise "
                + "packages cannot (see the Notes at the end of the report)");
        // AND the note names the helper and where to move it
        assertThat(report.notes()).anyMatch(n -> n.startsWith("src/main/java/dev/alloclab/support/BumpDemo.java uses "
                + "the exercise bump: ") && n.endsWith("Move it into dev.alloclab.exercises.bump "
                + "(src/main/java/dev/alloclab/exercises/bump/), or delete it."));
    }

    @Test
    void a_shared_file_with_errors_of_its_own_still_fails_every_exercise() {
        // GIVEN the solutions with a shared helper that does not compile, and uses no exercise
        Path submission = KitSubmissions.copyOfSolutions(temp, "own-errors");
        KitSubmissions.write(submission, "src/main/java/dev/alloclab/support/Broken.java", """
                package dev.alloclab.support;

                public final class Broken {
                    int x = "not a number";
                }
                """);
        // WHEN bump is graded
        GradeReport report = Grader.grade(submission, KitSubmissions.rubricFor(60, "bump"));
        // THEN bump is a compile error naming the helper's line, as before, and nothing is left out
        ExerciseGrade bump = grade(report, "bump");
        assertThat(bump.status()).isEqualTo(ExerciseGrade.COMPILE_ERROR);
        assertThat(bump.feedback()).anyMatch(f -> f.startsWith("  src/main/java/dev/alloclab/support/Broken.java:4: "
                + "incompatible types"));
        assertThat(report.notes()).noneMatch(n -> n.contains("left it out"));
    }

    @Test
    void a_library_added_to_the_pom_gets_a_line_saying_the_grader_does_not_read_pom_xml() {
        // GIVEN the solutions whose bump allocator uses commons-lang3 (added to pom.xml, where mvn test finds it)
        Path submission = KitSubmissions.copyOfSolutions(temp, "lang3");
        KitSubmissions.patch(submission, "bump/BumpAllocator.java", "    public int alloc(int size) {\n",
                "    public int alloc(int size) {\n        org.apache.commons.lang3.Validate.isTrue(size >= 0);\n");
        // WHEN bump is graded
        GradeReport report = Grader.grade(submission, KitSubmissions.rubricFor(60, "bump"));
        // THEN the compile error is followed by the advice
        ExerciseGrade bump = grade(report, "bump");
        assertThat(bump.status()).isEqualTo(ExerciseGrade.COMPILE_ERROR);
        assertThat(bump.feedback()).as(Reports.text(report)).containsSubsequence(
                "  src/main/java/dev/alloclab/exercises/bump/BumpAllocator.java:48: package org.apache.commons.lang3 "
                        + "does not exist",
                "  org.apache.commons.lang3 is not in the JDK nor in the starter's libraries: the grader compiles for "
                        + "Java 17 with the starter's libraries only (JUnit 5, jqwik, AssertJ, alloclab's core) and does "
                        + "not read pom.xml, so a dependency added there is not available. Write what you need with the "
                        + "JDK's classes instead.");
    }

    /** The starter as exported, with the solutions copied over it: what the QA graded as {@code base}. */
    private Path solvedStarter(String name) {
        Path starter = temp.resolve(name);
        StarterExporter.export(starter, null);
        Path solutions = KitSubmissions.kitFolder("solutions").resolve("src");
        try (Stream<Path> walk = Files.walk(solutions)) {
            for (Path p : walk.sorted().toList()) {
                Path dest = starter.resolve("src").resolve(solutions.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(dest);
                } else {
                    Files.copy(p, dest, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return starter;
    }
}
