package dev.alloclab.grader;

import static org.assertj.core.api.Assertions.assertThat;

import dev.alloclab.core.course.Curriculum;
import dev.alloclab.core.course.Exercise;
import java.util.List;
import org.junit.jupiter.api.Test;

/** An exercise that fails to compile points at the note about a misplaced package line, if there is one. */
class PackageNoteFeedbackTest {
    private static final Exercise SCOPE = Curriculum.exercises().stream().filter(e -> e.id().equals("scope"))
            .findFirst().orElseThrow();
    private static final String NOTE = "OwnedBlock.java in scope/ declares package dev.alloclab.exercises.scop, which "
            + "belongs in scop/: an exercise's classes are taken from its folder and must declare its package, so move "
            + "the file or fix its package line";

    @Test
    void a_compile_error_in_the_exercise_gets_a_line_pointing_at_its_package_note() {
        ExerciseGrade failed = new ExerciseGrade("scope", ExerciseGrade.COMPILE_ERROR, 0, 6, List.of(),
                List.of("your classes compile, but lack what the exercise asks for", "  hidden suite ...: cannot find symbol"));
        ExerciseGrade pointed = Grader.pointToPackageNotes(failed, SCOPE, List.of("module-info.java skipped", NOTE));
        // right under the headline, before the compiler's list
        assertThat(pointed.feedback()).hasSize(3).element(1).asString().isEqualTo("first check the package line: " + NOTE);
    }

    @Test
    void other_exercises_and_graded_exercises_are_left_as_they_are() {
        ExerciseGrade graded = new ExerciseGrade("scope", ExerciseGrade.GRADED, 6, 6, List.of(), List.of());
        assertThat(Grader.pointToPackageNotes(graded, SCOPE, List.of(NOTE))).isSameAs(graded);
        Exercise bump = Curriculum.exercises().stream().filter(e -> e.id().equals("bump")).findFirst().orElseThrow();
        ExerciseGrade missing = new ExerciseGrade("bump", ExerciseGrade.MISSING, 0, 8, List.of(), List.of("no sources"));
        assertThat(Grader.pointToPackageNotes(missing, bump, List.of(NOTE))).isSameAs(missing);
    }
}
