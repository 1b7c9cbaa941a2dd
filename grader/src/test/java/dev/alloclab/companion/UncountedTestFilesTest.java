package dev.alloclab.companion;

import static org.assertj.core.api.Assertions.assertThat;

import dev.alloclab.core.course.Curriculum;
import dev.alloclab.core.course.Exercise;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which of an exercise's test files earn no coverage points, and what the student is told to do about each. */
class UncountedTestFilesTest {
    private static final Exercise REFCOUNT = Curriculum.named("refcount");

    @Test
    void a_near_miss_a_copy_and_an_added_test_class_are_named_and_the_kits_and_the_students_own_are_not() {
        // GIVEN refcount's test folder: the visible test (the kit's), the student's own, a helper, and three that
        // mvn test runs but the grader does not count (QA owntests27 finding 8, windows27 M1)
        List<String> files = List.of("RefCountedNodesTest.java", "RefCountedNodesStudentTest.java", "Helpers.java",
                "RefCountedNodesStudentTests.java", "RefCountedNodesStudentTest (1).java", "RefCountedNodesExtraTest.java");
        // WHEN sorted out, with the visible test as the kit's only file
        List<String> uncounted = UncountedTestFiles.in(files, REFCOUNT,
                path -> path.equals("src/test/java/dev/alloclab/exercises/refcount/RefCountedNodesTest.java"));
        // THEN the three are named, and the copy is told to go, the others to be renamed
        assertThat(uncounted).containsExactly("RefCountedNodesExtraTest.java", "RefCountedNodesStudentTest (1).java",
                "RefCountedNodesStudentTests.java");
        assertThat(UncountedTestFiles.sentences(uncounted)).containsExactly(
                "RefCountedNodesStudentTest (1).java looks like a copy of RefCountedNodesStudentTest.java that a download "
                        + "or a file manager made: it is not counted for coverage, and mvn test stops at its duplicate "
                        + "class. Delete it.",
                "RefCountedNodesExtraTest.java, RefCountedNodesStudentTests.java: only classes whose name ends in "
                        + "StudentTest count for coverage (mvn test may run them, the grader does not). Rename them to end "
                        + "in StudentTest, or move their tests into a ...StudentTest class.");
    }

    @Test
    void a_windows_copy_and_a_copy_of_are_copies_too() {
        List<String> uncounted = UncountedTestFiles.in(List.of("BumpAllocatorStudentTest - Copy.java",
                "Copy of BumpAllocatorStudentTest.java"), Curriculum.named("bump"), path -> false);
        assertThat(UncountedTestFiles.sentences(uncounted)).hasSize(2)
                .allMatch(line -> line.contains("looks like a copy of BumpAllocatorStudentTest.java"));
    }
}
