package dev.alloclab.grader;

import static org.assertj.core.api.Assertions.assertThat;

import dev.alloclab.core.course.Curriculum;
import dev.alloclab.core.course.Exercise;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An exercise that fails to compile points at the note about a misplaced package line, if there is one. */
class PackageNoteFeedbackTest {
    @TempDir
    Path temp;

    private static Exercise exercise(String id) {
        return Curriculum.exercises().stream().filter(e -> e.id().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void a_compile_error_in_the_exercise_gets_a_line_pointing_at_its_package_note_and_other_exercises_do_not() {
        // GIVEN the solutions with scope's OwnedBlock declaring the package 'scop'
        Path submission = KitSubmissions.copyOfSolutions(temp, "wrong-package");
        KitSubmissions.patch(submission, "scope/OwnedBlock.java", "package dev.alloclab.exercises.scope;",
                "package dev.alloclab.exercises.scop;");
        Submission opened = Submission.open(submission);
        ExerciseGrade failed = new ExerciseGrade("scope", ExerciseGrade.MISSING_API, 0, 6, List.of(),
                List.of("your classes compile, but the grader's tests cannot call them as the starter declares them",
                        "  class OwnedBlock is missing from package dev.alloclab.exercises.scope (the grader's tests use it)"));
        // WHEN scope's compile error is scored
        ExerciseGrade pointed = Grader.pointToPackageNote(failed, exercise("scope"), opened);
        // THEN the pointer sits right under the headline, before the compiler's list
        assertThat(pointed.feedback()).hasSize(3).element(1).asString()
                .startsWith("first check the package line: OwnedBlock.java in scope/ declares package dev.alloclab.exercises.scop");
        // AND a graded exercise, or another exercise's error, is left as it is
        ExerciseGrade graded = new ExerciseGrade("scope", ExerciseGrade.GRADED, 6, 6, List.of(), List.of());
        assertThat(Grader.pointToPackageNote(graded, exercise("scope"), opened)).isSameAs(graded);
        ExerciseGrade bump = new ExerciseGrade("bump", ExerciseGrade.MISSING, 0, 8, List.of(), List.of("no sources"));
        assertThat(Grader.pointToPackageNote(bump, exercise("bump"), opened)).isSameAs(bump);
    }
}
