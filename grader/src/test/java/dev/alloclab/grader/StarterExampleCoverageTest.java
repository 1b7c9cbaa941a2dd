package dev.alloclab.grader;

import static dev.alloclab.grader.BugCollectionTest.grade;
import static dev.alloclab.grader.BugCollectionTest.part;
import static org.assertj.core.api.Assertions.assertThat;

import dev.alloclab.export.StarterExporter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Coverage is earned by the student's own tests: the one example test the starter ships in each
 * {@code *StudentTest} counts only once the student has added to it.
 */
class StarterExampleCoverageTest {
    private static final String STUDENT_TEST = "src/test/java/dev/alloclab/exercises/bump/BumpAllocatorStudentTest.java";

    @TempDir
    Path temp;

    @Test
    void the_starters_untouched_example_test_earns_no_coverage_and_the_feedback_says_why() {
        // GIVEN a correct bump allocator whose StudentTest is still exactly the starter's
        Path submission = KitSubmissions.copyOfSolutions(temp, "no-own-tests");
        byte[] starterExample = StarterExporter.starterFile(STUDENT_TEST);
        assertThat(starterExample).as("the starter's " + STUDENT_TEST).isNotNull();
        KitSubmissions.write(submission, STUDENT_TEST, starterExample);
        // WHEN it is graded
        ExerciseGrade bump = grade(Grader.grade(submission, KitSubmissions.rubricFor(60, "bump")), "bump");
        // THEN the hidden points are all there, the coverage points are not, and the feedback names the file
        assertThat(part(bump, "hidden").score()).isEqualTo(part(bump, "hidden").maxScore());
        assertThat(part(bump, "coverage").score()).isZero();
        assertThat(part(bump, "coverage").summary()).isEqualTo("BumpAllocatorStudentTest is still the starter's example");
        assertThat(String.join("\n", bump.feedback())).contains("the starter's example test does not count");

        // AND one test of the student's own in the same file makes the file count again
        KitSubmissions.write(submission, STUDENT_TEST, new String(starterExample, java.nio.charset.StandardCharsets.UTF_8)
                .replaceFirst("\\}\\s*$", """
                    @org.junit.jupiter.api.Test
                    void my_own_test_allocates_twice() {
                        BumpAllocator bump = new BumpAllocator(dev.alloclab.core.memory.HeapBytes.withMax(256));
                        org.assertj.core.api.Assertions.assertThat(bump.alloc(8)).isNotEqualTo(bump.alloc(8));
                    }
                }
                """));
        ExerciseGrade own = grade(Grader.grade(submission, KitSubmissions.rubricFor(60, "bump")), "bump");
        assertThat(part(own, "coverage").score()).isPositive();
    }

    @Test
    void a_given_class_the_student_left_as_it_is_is_not_measured_and_one_they_changed_is() {
        // GIVEN a correct stack-frames whose own test never overflows the stack, so never constructs the given
        // FrameStackOverflowException (still exactly the starter's file), and every line is asked for
        Path submission = KitSubmissions.copyOfSolutions(temp, "given");
        KitSubmissions.write(submission, "src/test/java/dev/alloclab/exercises/stackframes/FrameStackStudentTest.java",
                """
                package dev.alloclab.exercises.stackframes;
                class FrameStackStudentTest {
                    @org.junit.jupiter.api.Test
                    void push_and_pop() {
                        FrameStack stack = new FrameStack(64);
                        stack.push(8);
                        stack.pop();
                    }
                }
                """);
        var rubric = new dev.alloclab.grader.rubric.Rubric(KitSubmissions.rubricFor(60, "stack-frames").limits(),
                java.util.Map.of("stack-frames", new dev.alloclab.grader.rubric.Rubric.ExerciseRubric(8,
                        new dev.alloclab.grader.rubric.Rubric.CoveragePart(2, 1.0, 1.0), null)));
        // WHEN it is graded
        ExerciseGrade given = grade(Grader.grade(submission, rubric), "stack-frames");
        // THEN the lines the test missed are the student's own, never the given class's
        String feedback = String.join("\n", given.feedback());
        assertThat(feedback).contains("Not reached by your tests: ").contains("FrameStack.")
                .doesNotContain("FrameStackOverflowException");
        // AND once the student changes the given file, it is theirs and its lines count
        KitSubmissions.patch(submission, "stackframes/FrameStackOverflowException.java",
                "    private static final long serialVersionUID = 1L;",
                "    private static final long serialVersionUID = 1L; // mine now");
        ExerciseGrade changed = grade(Grader.grade(submission, rubric), "stack-frames");
        assertThat(linePercent(part(changed, "coverage"))).as("its never-run constructor now counts against the lines")
                .isLessThan(linePercent(part(given, "coverage")));
    }

    /** The line coverage a coverage part's summary gives ({@code line 35% (need 100%), ...}). */
    private static int linePercent(PartGrade coverage) {
        assertThat(coverage.summary()).matches("line \\d+%.*");
        return Integer.parseInt(coverage.summary().replaceFirst("^line (\\d+)%.*", "$1"));
    }

    @Test
    void a_windows_editors_byte_order_mark_and_crlf_change_no_score_and_do_not_disguise_the_starters_example()
            throws java.io.IOException {
        // GIVEN the solutions in an exported starter (its test support included), and a copy whose every .java file
        // was saved with a byte-order mark and CRLF line endings
        Path starter = temp.resolve("starter");
        StarterExporter.export(starter, null);
        String support = "src/test/java/dev/alloclab/exercises/support";
        Path plain = KitSubmissions.copyOfSolutions(temp, "plain");
        KitSubmissions.copyTree(starter.resolve(support), plain.resolve(support));
        Path windows = temp.resolve("windows");
        KitSubmissions.copyTree(plain, windows);
        try (java.util.stream.Stream<Path> files = java.nio.file.Files.walk(windows)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String text = java.nio.file.Files.readString(file).replace("\r", "").replace("\n", "\r\n");
                java.nio.file.Files.writeString(file, "\uFEFF" + text);
            }
        }
        // WHEN both are graded
        ExerciseGrade plainBump = grade(Grader.grade(plain, KitSubmissions.rubricFor(60, "bump")), "bump");
        GradeReport windowsReport = Grader.grade(windows, KitSubmissions.rubricFor(60, "bump"));
        ExerciseGrade windowsBump = grade(windowsReport, "bump");
        // THEN the scores are the same: the kit's support files are still the starter's, so nothing is withheld
        assertThat(windowsBump.score()).isEqualTo(plainBump.score()).isPositive();
        assertThat(part(windowsBump, "coverage").score()).isEqualTo(part(plainBump, "coverage").maxScore());
        // AND one note says how many sources had the mark (there was one per file)
        assertThat(windowsReport.notes()).filteredOn(n -> n.contains("byte-order mark")).singleElement().asString()
                .matches("\\d+ sources start with a byte-order mark \\(the first: src/.*\\.java\\), which javac rejects.*");

        // AND the starter's untouched example saved with a BOM is still the starter's example: no coverage points
        KitSubmissions.write(windows, STUDENT_TEST, ("\uFEFF" + new String(StarterExporter.starterFile(STUDENT_TEST),
                java.nio.charset.StandardCharsets.UTF_8)).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        ExerciseGrade example = grade(Grader.grade(windows, KitSubmissions.rubricFor(60, "bump")), "bump");
        assertThat(part(example, "coverage").score()).isZero();
        assertThat(part(example, "coverage").summary()).isEqualTo("BumpAllocatorStudentTest is still the starter's example");
    }

    @Test
    void a_test_method_without_its_annotation_is_named_under_the_coverage_part() {
        // GIVEN a correct bump allocator whose StudentTest has one real test and one method that lost its @Test
        Path submission = KitSubmissions.copyOfSolutions(temp, "forgot-annotation");
        KitSubmissions.write(submission, STUDENT_TEST, """
                package dev.alloclab.exercises.bump;

                import static org.assertj.core.api.Assertions.assertThat;

                import dev.alloclab.core.memory.HeapBytes;
                import org.junit.jupiter.api.Test;

                class BumpAllocatorStudentTest {
                    @Test
                    void two_blocks_do_not_overlap() {
                        BumpAllocator bump = new BumpAllocator(HeapBytes.withMax(256));
                        assertThat(bump.alloc(8)).isNotEqualTo(bump.alloc(8));
                    }

                    void reset_starts_again_from_the_bottom() {
                        BumpAllocator bump = newBump();
                        int first = bump.alloc(8);
                        bump.reset();
                        assertThat(bump.alloc(8)).isEqualTo(first);
                    }

                    BumpAllocator newBump() {
                        return new BumpAllocator(HeapBytes.withMax(256));
                    }
                }
                """.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        // WHEN it is graded
        ExerciseGrade bump = grade(Grader.grade(submission, KitSubmissions.rubricFor(60, "bump")), "bump");
        // THEN the coverage part names the method that never ran, with its line, and not the helper the tests call
        assertThat(part(bump, "coverage").details())
                .contains("1 of your test methods never ran: it has no @Test, so JUnit does not know it is a test:",
                        "  BumpAllocatorStudentTest.reset_starts_again_from_the_bottom() (line 15)")
                .noneMatch(line -> line.contains("newBump"));
    }
}
