package dev.alloclab.grader;

import static dev.alloclab.grader.BugCollectionTest.grade;
import static dev.alloclab.grader.BugCollectionTest.part;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The grading JVM runs a student's own tests the way {@code mvn test} (Surefire) runs them, so that a test red or
 * green there is red or green in the grade too (QA parity, findings 5 and 8). Each submission is the solutions with
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
        ExerciseGrade bump = grade(Grader.grade(submission, KitSubmissions.rubricFor(20, "bump")), "bump");
        // THEN the test fails with the assert's message, as it does under mvn test (Surefire enables assertions)
        assertThat(part(bump, "coverage").details()).as("bump coverage details")
                .anySatisfy(d -> assertThat(d).contains("usable_size_of_a_small_block", "AssertionError",
                        "usable size should be what was asked"))
                .noneSatisfy(d -> assertThat(d).contains("two_allocs_do_not_overlap"));
    }
}
