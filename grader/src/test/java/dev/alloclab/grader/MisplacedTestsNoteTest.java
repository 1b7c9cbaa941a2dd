package dev.alloclab.grader;

import static org.assertj.core.api.Assertions.assertThat;

import dev.alloclab.core.course.Curriculum;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A student's test saved under src/main/java is named with where it goes (QA windows27 M2). */
class MisplacedTestsNoteTest {
    @Test
    void a_test_class_among_the_main_sources_is_told_where_it_goes_and_code_is_left_alone() {
        ExerciseGrade graded = new ExerciseGrade("bump", ExerciseGrade.GRADED, 6, 8, List.of(), List.of("first line"));
        Path main = Path.of("src/main/java/dev/alloclab/exercises/bump");
        ExerciseGrade noted = Grader.withMisplacedTestsNote(graded, Curriculum.named("bump"),
                List.of(main.resolve("BumpAllocator.java"), main.resolve("BumpAllocatorStudentTest.java")));
        assertThat(noted.feedback()).containsExactly("first line", "BumpAllocatorStudentTest.java is under "
                + "src/main/java, where tests never run (and mvn test cannot compile them): move it to "
                + "src/test/java/dev/alloclab/exercises/bump/.");
        assertThat(Grader.withMisplacedTestsNote(graded, Curriculum.named("bump"), List.of(main.resolve("BumpAllocator.java"))))
                .isSameAs(graded);
    }
}
